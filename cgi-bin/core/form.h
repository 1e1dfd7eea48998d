/*
 * form.h - typed, validated form input and the form's echo in the response.
 *
 * Handlers never read raw fields: they call form_text / form_int, which
 * check the whole value (UTF-8, length, range) and, on a bad value, record a
 * field error (<form-error field="" code=""/>) in the response document.
 * Every submitted value is echoed back (<value name="">...</value>) so a
 * page re-rendered after an error keeps what the user typed. Passwords are
 * never echoed.
 */
#ifndef XS_FORM_H
#define XS_FORM_H

#include "app.h"

struct form {
	struct ctx *c;
	xmlNodePtr node;   /* <form name="..."> under the page root */
	int errors;
};

/* Start the echo of form name under the page. */
void form_begin(struct form *f, struct ctx *c, const char *name);

/*
 * A saved value shown in the form as if typed (<value name="">v</value>):
 * the GET of an edit form. Nothing when v is NULL or "".
 */
void form_value(struct form *f, const char *name, const char *v);

/* Record an error on field with a code the stylesheet turns into Chinese. */
void form_error(struct form *f, const char *field, const char *code);

/*
 * The same with a detail the page shows beside the message, in the data's
 * own words (a year's bounds "2021-07-01 至 2022-06-30", a quota "3"); NULL
 * or "" for none.
 */
void form_error_detail(struct form *f, const char *field, const char *code,
    const char *detail);

/*
 * A required (required=1) or optional text field of at most max characters,
 * trimmed of surrounding blanks. Returns the value ("" when optional and
 * absent), or NULL after recording "required", "too_long" or "invalid".
 * multiline allows line breaks. The value is echoed unless secret.
 */
const char *form_text(struct form *f, const char *name, int required,
    size_t max, int multiline, int secret);

/*
 * An integer field in [min, max]. Returns 0 and sets *out, or -1 after
 * recording "required" / "not_a_number" / "out_of_range". Optional fields
 * that are absent give 1 and leave *out alone.
 */
int form_int(struct form *f, const char *name, int required, long long min,
    long long max, long long *out);

/*
 * A date field: a real calendar date written YYYY-MM-DD (rules_date_valid:
 * 2023-02-29 and 2023-04-31 are refused). Returns the value ("" when
 * optional and absent), or NULL after recording "required" or "bad_date".
 */
const char *form_date(struct form *f, const char *name, int required);

/* The same with the bounds that were not kept (a school year's first and last day). */
void form_error_range(struct form *f, const char *field, const char *code,
    const char *from, const char *to);

/* One of the choices; returns its index or -1 after recording an error. */
int form_choice(struct form *f, const char *name, int required,
    const char *const *choices, size_t nchoices);

#endif
