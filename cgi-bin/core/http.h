/*
 * http.h - the request as the FastCGI or CGI environment gives it, and the
 * response we send back.
 *
 * The parser reads CGI variables and the body through a struct http_source,
 * so the same code serves FastCGI (FCGX streams), plain CGI (environ, stdin)
 * and the unit tests (memory). Every size is bounded by struct http_limits:
 * over a bound the parser answers 413, malformed input 400, an unsupported
 * body type 415. Nothing is kept between requests: all memory comes from the
 * request's arena, and uploaded files live in temporary files that are
 * removed when the arena is freed.
 */
#ifndef XS_HTTP_H
#define XS_HTTP_H

#include <stddef.h>
#include "arena.h"

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_OTHER,
	HTTP_METHOD__MAX
};

struct http_limits {
	size_t max_body;       /* bytes of a multipart body */
	size_t max_form_body;  /* bytes of an urlencoded body */
	size_t max_fields;     /* query + body fields together */
	size_t max_name_len;   /* bytes of one field name */
	size_t max_field_len;  /* bytes of one (non-file) field value */
	size_t max_files;      /* uploaded files per request */
	size_t max_upload;     /* bytes of one uploaded file */
	size_t max_part_header;/* bytes of one multipart part's header block */
	size_t max_uri;        /* bytes of the path + query string */
	size_t max_cookie;     /* bytes of the Cookie header */
	size_t max_header;     /* bytes of any other header we read */
};

/* Fill lim with the built-in defaults (see docs/operations.md). */
void http_limits_default(struct http_limits *lim);

/*
 * Where a request comes from. param returns a CGI variable (NULL when
 * absent); read returns the number of body bytes read into buf (at most len),
 * 0 at end of input, or -1 on error.
 */
struct http_source {
	const char *(*param)(void *ctx, const char *name);
	long (*read)(void *ctx, char *buf, size_t len);
	void *ctx;
};

struct http_param {
	const char *name;
	const char *value;   /* NUL-terminated, valid UTF-8 */
	size_t len;          /* bytes of value */
};

struct http_file {
	const char *field;        /* form field name */
	const char *filename;     /* base name the browser sent, valid UTF-8 */
	const char *content_type; /* as the browser declared it: never trusted */
	const char *path;         /* temporary file holding the content */
	size_t size;
	int over_limit;           /* bigger than max_upload: cut short, refuse it */
};

struct http_request {
	arena *a;
	enum http_method method;
	const char *method_name;
	const char *path;          /* decoded path, valid UTF-8, starts with '/' */
	const char *query_string;  /* raw, may be "" */
	struct http_param *query;
	size_t nquery;
	struct http_param *form;
	size_t nform;
	struct http_file *files;
	size_t nfiles;
	struct http_param *cookies;
	size_t ncookies;
	const char *content_type;
	const char *accept;
	const char *host;
	const char *origin;
	const char *referer;
	const char *remote_addr;
	const char *user_agent;
	const char *fault_at;      /* X-Xueshi-Fault-At: the tests' fault injection (config.h) */
	const char *clock_at;      /* X-Xueshi-Now: the tests' clock (config.h) */
	int https;
	size_t body_missing;       /* a body that ended early: the bytes promised and never read (for the log) */
};

/*
 * Parse a request from src into r, allocating from a. Uploaded files are
 * written under tmpdir. Returns 0 on success, or the HTTP status to answer
 * with: 400 malformed, 413 over a bound, 415 body type not supported, 500
 * when out of memory or the temporary directory cannot be written. On error
 * r is still usable for building the error response (path may be "/").
 */
int http_parse(struct http_request *r, arena *a, const struct http_source *src,
    const struct http_limits *lim, const char *tmpdir);

/*
 * Decode an application/x-www-form-urlencoded string s[0..n) into an array of
 * params appended to *params / *nparams (arena memory). Returns 0, 400 or
 * 413 as http_parse does. Exposed for the unit tests and fuzzers.
 */
int http_parse_urlencoded(arena *a, const char *s, size_t n,
    const struct http_limits *lim, size_t *nfields_total,
    struct http_param **params, size_t *nparams);

/*
 * Percent-decode s[0..n) into a new arena string; '+' becomes a space when
 * plus_is_space. Returns NULL on an invalid escape, an embedded NUL, invalid
 * UTF-8 or out of memory; *outlen gets the decoded length.
 */
char *http_percent_decode(arena *a, const char *s, size_t n, int plus_is_space,
    size_t *outlen);

/*
 * The RFC 5987 encoding of a UTF-8 file name for Content-Disposition's
 * filename*=UTF-8''... (attr-char kept, every other byte %XX), in a; NULL
 * when out of memory. The one encoder: evidence files and exports use it.
 */
char *http_rfc5987(arena *a, const char *name);

/* First value of a field by name, or NULL. */
const char *http_query(const struct http_request *r, const char *name);
const char *http_form(const struct http_request *r, const char *name);
const char *http_cookie(const struct http_request *r, const char *name);
const struct http_file *http_upload(const struct http_request *r, const char *name);

/* The response. Headers and body live in the request's arena. */
struct http_header {
	const char *name;
	const char *value;
};

struct http_response {
	arena *a;
	int status;
	const char *content_type;
	struct http_header *headers;
	size_t nheaders, capheaders;
	const char *body;
	size_t body_len;
};

/* Start an empty 200 response with memory from a. */
void http_response_init(struct http_response *resp, arena *a);

/*
 * Add a header. Refuses (returns -1) a name that is not a token or a value
 * holding CR, LF or any other control character; 0 on success.
 */
int http_header_add(struct http_response *resp, const char *name,
    const char *value);

/*
 * Answer 303 See Other to location (a path on this site starting with '/',
 * or an absolute http(s) URL). Returns -1 if location is unsafe.
 */
int http_redirect(struct http_response *resp, const char *location);

/* Set the body (not copied: it must outlive the response, e.g. arena memory). */
void http_body(struct http_response *resp, const char *content_type,
    const char *body, size_t len);

/* The reason phrase for a status, "Unknown" for others. */
const char *http_reason(int status);

/*
 * Write the response in CGI form (Status line, headers, blank line, body
 * unless head_only) through write(ctx, buf, len), which returns -1 on error.
 * Returns 0, or -1 when a write failed.
 */
int http_write(const struct http_response *resp, int head_only,
    int (*write)(void *ctx, const char *buf, size_t len), void *ctx);

#endif
