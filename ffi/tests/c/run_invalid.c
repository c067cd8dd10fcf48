/* Runs the bad-input corpus through hedui_engine_evaluate_json.
 *
 * argv[1] is a list file, one input per line:
 *   file <path>                          the raw bytes of <path>
 *   pad <bytes> <field> <base-path>      built in memory: {"<field>":"aaa...", then the base
 *                                        file after its opening brace, <bytes> long in total
 * For each input, prints one line:
 *   <status> TAB <field path as a JSON string, or -> TAB <message as a JSON string, or ->
 *   TAB <error JSON, or ->
 * The comparison with fixtures/invalid/manifest.json is done by run.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hedui.h"

static unsigned char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  unsigned char *buf = NULL;
  size_t cap = 0, n = 0;
  if (!f) return NULL;
  for (;;) {
    size_t got;
    if (n == cap) {
      unsigned char *bigger;
      cap = cap ? cap * 2 : 65536;
      bigger = realloc(buf, cap);
      if (!bigger) { free(buf); fclose(f); return NULL; }
      buf = bigger;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (ferror(f)) { free(buf); fclose(f); return NULL; }
  fclose(f);
  *len = n;
  /* Never return NULL for an empty file: the caller treats NULL as a read failure. */
  if (!buf) buf = malloc(1);
  return buf;
}

static unsigned char *large_padding(size_t bytes, const char *field, const char *base_path, size_t *len) {
  size_t base_len = 0, start = 0, head_len, rest_len, fill;
  unsigned char *base = read_file(base_path, &base_len), *out;
  if (!base) return NULL;
  while (start < base_len && base[start] != '\0' && strchr(" \t\r\n", base[start])) start++;
  if (start == base_len || base[start] != '{') { free(base); return NULL; }
  rest_len = base_len - start - 1;
  head_len = strlen(field) + 5; /* {"<field>":" */
  if (bytes < head_len + 2 + rest_len) { free(base); return NULL; }
  out = malloc(bytes);
  if (!out) { free(base); return NULL; }
  fill = bytes - head_len - 2 - rest_len;
  memcpy(out, "{\"", 2);
  memcpy(out + 2, field, head_len - 5);
  memcpy(out + head_len - 3, "\":\"", 3);
  memset(out + head_len, 'a', fill);
  memcpy(out + head_len + fill, "\",", 2);
  memcpy(out + head_len + fill + 2, base + start + 1, rest_len);
  free(base);
  *len = bytes;
  return out;
}

/* A NUL-terminated string as a JSON string literal, or - for NULL. */
static void print_json_string(const char *s) {
  if (!s) { fputs("-", stdout); return; }
  putchar('"');
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') printf("\\%c", c);
    else if (c < 0x20) printf("\\u%04x", c);
    else putchar(c);
  }
  putchar('"');
}

int main(int argc, char **argv) {
  hedui_engine *engine = NULL;
  hedui_error *err = NULL;
  FILE *list;
  char line[8192];
  int failures = 0;
  if (argc != 2) {
    fprintf(stderr, "usage: %s LIST\n", argv[0]);
    return 2;
  }
  if (hedui_abi_version() != HEDUI_ABI_VERSION) {
    fprintf(stderr, "ABI mismatch\n");
    return 2;
  }
  if (hedui_engine_new_default(&engine, &err) != HEDUI_STATUS_OK) {
    fprintf(stderr, "engine: %s\n", hedui_error_message(err));
    hedui_error_free(err);
    return 2;
  }
  list = fopen(argv[1], "r");
  if (!list) { perror(argv[1]); hedui_engine_free(engine); return 2; }
  while (fgets(line, sizeof line, list)) {
    unsigned char *input = NULL;
    size_t len = 0, bytes = 0;
    char path[4096], field[256];
    hedui_string *out = NULL;
    hedui_status status;
    line[strcspn(line, "\n")] = '\0';
    if (strncmp(line, "file ", 5) == 0) {
      input = read_file(line + 5, &len);
    } else if (sscanf(line, "pad %zu %255s %4095s", &bytes, field, path) == 3) {
      input = large_padding(bytes, field, path, &len);
    }
    if (!input) {
      fprintf(stderr, "cannot build input: %s\n", line);
      failures++;
      printf("- - - -\n");
      continue;
    }
    err = NULL;
    status = hedui_engine_evaluate_json(engine, input, len, &out, &err);
    if (status == HEDUI_STATUS_OK) {
      printf("0\t-\t-\t-\n");
      hedui_string_free(out);
    } else {
      const char *json = hedui_error_json(err);
      if (hedui_error_code(err) != status) {
        fprintf(stderr, "error code %u differs from status %u\n", hedui_error_code(err), status);
        failures++;
      }
      printf("%u\t", status);
      print_json_string(hedui_error_field_path(err));
      putchar('\t');
      print_json_string(hedui_error_message(err));
      printf("\t%s\n", json ? json : "-");
      hedui_error_free(err);
    }
    free(input);
  }
  fclose(list);
  hedui_engine_free(engine);
  return failures ? 1 : 0;
}
