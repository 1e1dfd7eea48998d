/* form.c - see form.h */
#include "form.h"
#include "render.h"
#include "domain/rules.h"
#include "utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void echo(struct form *f, const char *name, const char *value);

void
form_begin(struct form *f, struct ctx *c, const char *name)
{
	const struct field *fs = c->route ? c->route->fields : NULL;

	f->c = c;
	f->errors = 0;
	f->node = c->page ? xml_node(c->page, "form") : NULL;
	if (f->node != NULL)
		xml_attr(f->node, "name", name);
	/* The route's declared fields: what was typed, and what the core refused. */
	for (int i = 0; fs != NULL && fs[i].name != NULL && i < APP_MAX_FIELDS; i++) {
		const struct field_value *v = &c->fv[i];
		if (fs[i].flags & FIELD_PREFIX)
			continue; /* keyed per row: the page echoes its rows itself */
		if (fs[i].type != FIELD_SECRET && v->text != NULL && *v->text)
			echo(f, fs[i].name, v->text);
		if (!v->ok)
			form_error(f, fs[i].name, v->error ? v->error : "invalid");
	}
}

void
form_error(struct form *f, const char *field, const char *code)
{
	form_error_detail(f, field, code, NULL);
}

void
form_error_detail(struct form *f, const char *field, const char *code, const char *detail)
{
	xmlNodePtr e;

	f->errors++;
	if (f->node != NULL && (e = xml_node(f->node, "form-error")) != NULL) {
		xml_attr(e, "field", field);
		xml_attr(e, "code", code);
		if (detail != NULL && *detail)
			xml_attr(e, "detail", detail);
	}
}

static void
echo(struct form *f, const char *name, const char *value)
{
	xmlNodePtr v;

	if (f->node != NULL && (v = xml_text(f->node, "value", value)) != NULL)
		xml_attr(v, "name", name);
}

void
form_value(struct form *f, const char *name, const char *v)
{
	if (v != NULL && *v)
		echo(f, name, v);
}

const char *
form_text(struct form *f, const char *name, int required, size_t max,
    int multiline, int secret)
{
	const char *raw = http_form(f->c->req, name);
	size_t n;
	char *v;

	if (raw == NULL)
		raw = "";
	while (*raw == ' ' || *raw == '\t' || (multiline && (*raw == '\n' || *raw == '\r')))
		raw++;
	n = strlen(raw);
	while (n > 0 && (raw[n - 1] == ' ' || raw[n - 1] == '\t' ||
	    raw[n - 1] == '\n' || raw[n - 1] == '\r'))
		n--;
	v = arena_strndup(f->c->a, raw, n);
	if (v == NULL)
		return NULL;
	if (!secret)
		echo(f, name, v);
	if (!(multiline ? utf8_valid_text(v, n) : utf8_valid_line(v, n))) {
		form_error(f, name, "invalid");
		return NULL;
	}
	if (n == 0 && required) {
		form_error(f, name, "required");
		return NULL;
	}
	if (utf8_length(v, n) > max) {
		form_error(f, name, "too_long");
		return NULL;
	}
	return v;
}

int
form_int(struct form *f, const char *name, int required, long long min,
    long long max, long long *out)
{
	const char *v = form_text(f, name, required, 20, 0, 0);
	char *end;
	long long n;

	if (v == NULL)
		return -1;
	if (*v == '\0')
		return 1;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0' || end == v) {
		form_error(f, name, "not_a_number");
		return -1;
	}
	if (n < min || n > max) {
		form_error(f, name, "out_of_range");
		return -1;
	}
	*out = n;
	return 0;
}

int
form_choice(struct form *f, const char *name, int required,
    const char *const *choices, size_t nchoices)
{
	const char *v = form_text(f, name, required, 64, 0, 0);

	if (v == NULL)
		return -1;
	if (*v == '\0')
		return -1;
	for (size_t i = 0; i < nchoices; i++)
		if (strcmp(v, choices[i]) == 0)
			return (int)i;
	form_error(f, name, "invalid");
	return -1;
}

const char *
form_date(struct form *f, const char *name, int required)
{
	const char *v = form_text(f, name, required, 10, 0, 0);

	if (v == NULL || *v == '\0')
		return v;
	if (!rules_date_valid(v)) {
		form_error(f, name, "bad_date");
		return NULL;
	}
	return v;
}

void
form_error_range(struct form *f, const char *field, const char *code, const char *from,
    const char *to)
{
	xmlNodePtr e;

	form_error(f, field, code);
	if (f->node != NULL && (e = xmlGetLastChild(f->node)) != NULL) {
		xml_attr(e, "from", from);
		xml_attr(e, "to", to);
	}
}
