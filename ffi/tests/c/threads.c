/* Eight threads share one engine and evaluate the example households thousands of times;
 * every result must equal the single-threaded one, byte for byte. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hedui.h"

#define THREADS 8
#define ROUNDS 400
#define MAX_CASES 16

static hedui_engine *engine;
static char *cases[MAX_CASES];
static size_t lens[MAX_CASES];
static char *expected[MAX_CASES];
static int ncases;

static char *evaluate(int i) {
  hedui_string *out = NULL;
  hedui_error *err = NULL;
  char *copy;
  if (hedui_engine_evaluate_json(engine, (const uint8_t *)cases[i], lens[i], &out, &err) != HEDUI_STATUS_OK) {
    size_t n = strlen(hedui_error_json(err));
    copy = malloc(n + 1);
    if (copy) memcpy(copy, hedui_error_json(err), n + 1);
    hedui_error_free(err);
    return copy;
  }
  copy = malloc(hedui_string_len(out) + 1);
  if (copy) memcpy(copy, hedui_string_ptr(out), hedui_string_len(out) + 1);
  hedui_string_free(out);
  return copy;
}

static void *worker(void *arg) {
  long id = (long)arg, bad = 0;
  int r, i;
  for (r = 0; r < ROUNDS; r++) {
    for (i = 0; i < ncases; i++) {
      int k = (int)((i + id + r) % ncases);
      char *got = evaluate(k);
      if (!got || strcmp(got, expected[k]) != 0) bad++;
      free(got);
    }
  }
  return (void *)bad;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long n;
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) { free(buf); buf = NULL; }
  fclose(f);
  if (buf) { buf[n] = '\0'; *len = (size_t)n; }
  return buf;
}

int main(int argc, char **argv) {
  pthread_t t[THREADS];
  hedui_error *err = NULL;
  long total_bad = 0, i;
  if (hedui_engine_new_default(&engine, &err) != HEDUI_STATUS_OK) return 2;
  for (i = 1; i < argc && ncases < MAX_CASES; i++) {
    cases[ncases] = slurp(argv[i], &lens[ncases]);
    if (!cases[ncases]) { fprintf(stderr, "cannot read %s\n", argv[i]); return 2; }
    expected[ncases] = evaluate(ncases);
    ncases++;
  }
  if (ncases == 0) { fprintf(stderr, "no cases\n"); return 2; }
  for (i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (i = 0; i < THREADS; i++) {
    void *bad;
    pthread_join(t[i], &bad);
    total_bad += (long)bad;
  }
  printf("threads=%d evaluations=%ld mismatches=%ld\n", THREADS, (long)THREADS * ROUNDS * ncases, total_bad);
  for (i = 0; i < ncases; i++) { free(cases[i]); free(expected[i]); }
  hedui_engine_free(engine);
  return total_bad == 0 ? 0 : 1;
}
