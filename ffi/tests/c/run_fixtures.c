/* Reads the fixture suite as exported by `hedui test DIR --export` (two lines per case: the
 * overrides array, then the household) from standard input, evaluates each case through the
 * C API, and prints one line per case: the outcome JSON or the error JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hedui.h"

static char *read_line(FILE *f, size_t *len) {
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  int c;
  if (!buf) return NULL;
  while ((c = fgetc(f)) != EOF && c != '\n') {
    if (n + 1 >= cap) {
      char *bigger;
      cap *= 2;
      bigger = realloc(buf, cap);
      if (!bigger) { free(buf); return NULL; }
      buf = bigger;
    }
    buf[n++] = (char)c;
  }
  if (c == EOF && n == 0) { free(buf); return NULL; }
  buf[n] = '\0';
  *len = n;
  return buf;
}

static void print_error(hedui_error *err) {
  const char *json = hedui_error_json(err);
  printf("%s\n", json ? json : "{\"code\":900,\"message\":\"no error object\"}");
  hedui_error_free(err);
}

int main(void) {
  hedui_engine *base = NULL;
  hedui_error *err = NULL;
  size_t olen = 0, clen = 0;
  char *overrides, *input;
  if (hedui_abi_version() != HEDUI_ABI_VERSION || strcmp(hedui_version(), HEDUI_VERSION) != 0) {
    fprintf(stderr, "version mismatch: header %s ABI %d, library %s ABI %u\n", HEDUI_VERSION,
            HEDUI_ABI_VERSION, hedui_version(), hedui_abi_version());
    return 2;
  }
  if (hedui_engine_new_default(&base, &err) != HEDUI_STATUS_OK) {
    fprintf(stderr, "engine: %s\n", hedui_error_message(err));
    hedui_error_free(err);
    return 2;
  }
  while ((overrides = read_line(stdin, &olen)) != NULL) {
    hedui_engine *engine = NULL;
    input = read_line(stdin, &clen);
    if (!input) { free(overrides); break; }
    err = NULL;
    if (hedui_engine_with_overrides(base, (const uint8_t *)overrides, olen, &engine, &err) != HEDUI_STATUS_OK) {
      print_error(err);
    } else {
      hedui_string *out = NULL;
      err = NULL;
      if (hedui_engine_evaluate_json(engine, (const uint8_t *)input, clen, &out, &err) == HEDUI_STATUS_OK) {
        if (strlen(hedui_string_ptr(out)) != hedui_string_len(out)) {
          fprintf(stderr, "length mismatch\n");
          return 2;
        }
        printf("%s\n", hedui_string_ptr(out));
        hedui_string_free(out);
      } else {
        print_error(err);
      }
      hedui_engine_free(engine);
    }
    free(overrides);
    free(input);
  }
  hedui_engine_free(base);
  return 0;
}
