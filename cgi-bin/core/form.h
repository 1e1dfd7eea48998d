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

/* Record an error on field with a code the stylesheet turns into Chinese. */
void form_error(struct form *f, const char *field, const char *code);

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

/* One of the choices; returns its index or -1 after recording an error. */
int form_choice(struct form *f, const char *name, int required,
    const char *const *choices, size_t nchoices);

#endif
