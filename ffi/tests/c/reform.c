/* A reform derived from C: the proposal is used and cited in its region only, a bad
 * proposal is refused with a field path, and every object is freed (ASan, valgrind).
 * Expected amounts: 民发〔2021〕57号 第17条, standard less monthly income per head;
 * 1800.00 over six months is 300.00 a month. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hedui.h"

static const char CASE[] =
    "{\"id\":\"c\",\"region\":\"360100\",\"as_of\":\"2026-11-01\",\"residence\":\"urban\","
    "\"income_window\":{\"start\":\"2026-05-01\",\"end\":\"2026-10-31\"},"
    "\"members\":[{\"id\":\"m1\",\"relation\":\"self\",\"birth_date\":\"1970-01-01\"}],"
    "\"incomes\":[{\"member\":\"m1\",\"category\":\"wage\",\"amount\":\"1800.00\","
    "\"period\":{\"start\":\"2026-05-01\",\"end\":\"2026-10-31\"},\"source\":\"verified\"}]}";

static int failures;

static void expect(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "FAILED: %s\n", what);
    failures++;
  }
}

/* Evaluates CASE and checks the outcome holds `needle` (or not). */
static void outcome_has(const hedui_engine *e, const char *needle, int want, const char *what) {
  hedui_string *out = NULL;
  if (hedui_engine_evaluate_json(e, (const uint8_t *)CASE, strlen(CASE), &out, NULL) != HEDUI_STATUS_OK) {
    expect(0, what);
    return;
  }
  expect((strstr(hedui_string_ptr(out), needle) != NULL) == want, what);
  hedui_string_free(out);
}

static hedui_engine *derive(const hedui_engine *base, const char *doc, hedui_status want, const char *what) {
  hedui_engine *e = NULL;
  hedui_error *err = NULL;
  hedui_status s = hedui_engine_with_reform(base, (const uint8_t *)doc, strlen(doc), &e, &err);
  expect(s == want, what);
  if (s != HEDUI_STATUS_OK) {
    expect(e == NULL && err != NULL, "a refused reform gives an error and no engine");
    if (err) expect(strstr(hedui_error_field_path(err), "override[0]") != NULL, "the error names the override");
    hedui_error_free(err);
  }
  return e;
}

int main(void) {
  hedui_engine *base = NULL, *e;
  if (hedui_engine_new_default(&base, NULL) != HEDUI_STATUS_OK) return 1;

  e = derive(base,
             "label = \"提标 to 900\"\n[[override]]\nregion = \"360100\"\n"
             "key = \"dibao.standard.urban\"\nvalue = \"900.00\"\n",
             HEDUI_STATUS_OK, "TOML reform accepted");
  outcome_has(e, "\"amount\":\"600.00\"", 1, "900.00 - 300.00 = 600.00 under the reform");
  outcome_has(e, "\"evidence\":\"proposal\"", 1, "the proposal is cited as such");
  hedui_engine_free(e);

  e = derive(base, "[{\"region\":\"420100\",\"key\":\"dibao.standard.urban\",\"value\":\"900.00\"}]",
             HEDUI_STATUS_OK, "JSON reform accepted");
  outcome_has(e, "\"amount\":\"495.00\"", 1, "outside Wuhan the base 795.00 - 300.00 = 495.00 stands");
  outcome_has(e, "\"evidence\":\"proposal\"", 0, "and no proposal is cited");
  hedui_engine_free(e);

  derive(base, "[{\"key\":\"dibao.standard.urban\",\"value\":900.5}]", HEDUI_STATUS_POLICY_INVALID,
         "a float value is refused");
  /* A malformed JSON reform is a policy error, as a malformed TOML one is. */
  derive(base, "{\"override\":[{\"key\":\"dibao.standard.urban\",\"value\":\"900.00\",\"zone\":1}]}",
         HEDUI_STATUS_POLICY_SHAPE, "a JSON reform with an unknown field is a policy shape error");
  {
    const char *bad = "[{\"key\": \"dibao.standard.urban\",";
    hedui_engine *none = NULL;
    hedui_error *err = NULL;
    hedui_status s = hedui_engine_with_reform(base, (const uint8_t *)bad, strlen(bad), &none, &err);
    expect(s == HEDUI_STATUS_POLICY_SYNTAX, "a JSON reform that is not JSON is a policy syntax error");
    expect(none == NULL && err != NULL, "and gives an error and no engine");
    hedui_error_free(err);
  }
  outcome_has(base, "\"amount\":\"495.00\"", 1, "the base engine is unchanged");
  hedui_engine_free(base);
  if (failures) return 1;
  printf("reform: all checks passed\n");
  return 0;
}
