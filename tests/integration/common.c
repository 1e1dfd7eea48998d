/* common.c - see common.h */
#include "common.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

xmlDocPtr
get_xml(struct client *cl, const struct server *s, const char *path, long *status)
{
	struct reply r;
	char full[2048];
	xmlDocPtr d = NULL;

	snprintf(full, sizeof(full), "%s%sformat=xml", path, strchr(path, '?') ? "&" : "?");
	if (client_do(cl, s, "GET", full, NULL, NULL, 0, NULL, &r) == 0)
		d = reply_xml(&r);
	if (status)
		*status = r.status;
	reply_free(&r);
	return d;
}

char *
csrf_token(struct client *cl, const struct server *s)
{
	xmlDocPtr d = get_xml(cl, s, "/", NULL);
	char *t = xpath_string(d, "/page/csrf/@token");

	xmlFreeDoc(d);
	if (*t == '\0') {
		/* A user who must change the password first is sent there from "/". */
		free(t);
		d = get_xml(cl, s, "/account/password", NULL);
		t = xpath_string(d, "/page/csrf/@token");
		xmlFreeDoc(d);
	}
	return t;
}

char *
form_escape(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(3 * n + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			*o++ = (char)c;
		else {
			sprintf(o, "%%%02X", c);
			o += 3;
		}
	}
	*o = '\0';
	return out;
}

long
post_form(struct client *cl, const struct server *s, const char *path,
    const char *fields, struct reply *r)
{
	char *token = csrf_token(cl, s);
	size_t n = strlen(fields) + strlen(token) + 16;
	char *body = malloc(n);
	struct reply local;
	long status = 0;

	if (body == NULL) {
		free(token);
		return 0;
	}
	snprintf(body, n, "%s%scsrf=%s", fields, *fields ? "&" : "", token);
	if (client_do(cl, s, "POST", path, "application/x-www-form-urlencoded", body,
	    strlen(body), NULL, r ? r : &local) == 0)
		status = (r ? r : &local)->status;
	if (r == NULL)
		reply_free(&local);
	free(body);
	free(token);
	return status;
}

long
login_as(struct client *cl, const struct server *s, const char *login,
    const char *password)
{
	char *l = form_escape(login), *p = form_escape(password);
	char fields[512];
	long status;

	snprintf(fields, sizeof(fields), "login=%s&password=%s", l, p);
	free(l);
	free(p);
	status = post_form(cl, s, "/login", fields, NULL);
	return status;
}

/* A real 1x1 PNG: the evidence the tests upload. */
const unsigned char test_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
	0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
};
const size_t test_png_len = sizeof(test_png);
