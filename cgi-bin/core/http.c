/* http.c - see http.h */
#include "http.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MP_BUF (64 * 1024)
#define BOUNDARY_MAX 70

void
http_limits_default(struct http_limits *lim)
{
	lim->max_body = 32u * 1024 * 1024;
	lim->max_form_body = 1024u * 1024;
	lim->max_fields = 2000;
	lim->max_name_len = 128;
	lim->max_field_len = 64u * 1024;
	lim->max_files = 20;
	lim->max_upload = 10u * 1024 * 1024;
	lim->max_part_header = 8u * 1024;
	lim->max_uri = 8u * 1024;
	lim->max_cookie = 8u * 1024;
	lim->max_header = 4u * 1024;
}

/* ---------------------------------------------------------------- decoding */

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
http_percent_decode(arena *a, const char *s, size_t n, int plus_is_space,
    size_t *outlen)
{
	char *out;
	size_t i, o = 0;

	out = arena_alloc(a, n + 1);
	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			int hi, lo;
			if (n - i < 3)
				return NULL;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus_is_space)
			out[o++] = ' ';
		else
			out[o++] = s[i];
	}
	out[o] = '\0';
	if (!utf8_valid_text(out, o))
		return NULL;
	if (outlen != NULL)
		*outlen = o;
	return out;
}

/* Grow a params array by one; returns the new slot or NULL. */
static struct http_param *
param_push(arena *a, struct http_param **arr, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct http_param *p = arena_alloc(a, ncap * sizeof(*p));
		if (p == NULL)
			return NULL;
		if (*n)
			memcpy(p, *arr, *n * sizeof(*p));
		*arr = p;
		*cap = ncap;
	}
	return &(*arr)[(*n)++];
}

int
http_parse_urlencoded(arena *a, const char *s, size_t n,
    const struct http_limits *lim, size_t *nfields_total,
    struct http_param **params, size_t *nparams)
{
	size_t i = 0, cap = *nparams;

	while (i < n) {
		size_t end = i, eq;
		const char *name, *value;
		size_t nlen, vlen;
		struct http_param *p;

		while (end < n && s[end] != '&')
			end++;
		if (end == i) {
			i++;
			continue;
		}
		for (eq = i; eq < end && s[eq] != '='; eq++)
			;
		if (++*nfields_total > lim->max_fields)
			return 413;
		/* Bound the raw lengths first: a decoded value is never longer. */
		if (eq - i > 3 * lim->max_name_len)
			return 413;
		name = http_percent_decode(a, s + i, eq - i, 1, &nlen);
		if (name == NULL)
			return 400;
		if (nlen == 0)
			return 400;
		if (nlen > lim->max_name_len)
			return 413;
		if (eq < end) {
			if (end - eq - 1 > 3 * lim->max_field_len)
				return 413;
			value = http_percent_decode(a, s + eq + 1, end - eq - 1, 1, &vlen);
			if (value == NULL)
				return 400;
			if (vlen > lim->max_field_len)
				return 413;
		} else {
			value = "";
			vlen = 0;
		}
		p = param_push(a, params, nparams, &cap);
		if (p == NULL)
			return 500;
		p->name = name;
		p->value = value;
		p->len = vlen;
		i = end + 1;
	}
	return 0;
}

/* --------------------------------------------------------------- cookies */

static int
cookie_octet_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' ||
		    c == '\\')
			return 0;
	}
	return 1;
}

static int
parse_cookies(struct http_request *r, const char *h)
{
	size_t cap = 0, i = 0, n = strlen(h);

	while (i < n) {
		size_t start, end, eq, ns, ne, vs, ve;
		struct http_param *p;

		while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == ';'))
			i++;
		start = i;
		while (i < n && h[i] != ';')
			i++;
		end = i;
		if (start == end)
			continue;
		for (eq = start; eq < end && h[eq] != '='; eq++)
			;
		if (eq == end)
			continue; /* no '=': ignore, browsers send odd things */
		ns = start;
		ne = eq;
		while (ne > ns && (h[ne - 1] == ' ' || h[ne - 1] == '\t'))
			ne--;
		vs = eq + 1;
		ve = end;
		while (ve > vs && (h[ve - 1] == ' ' || h[ve - 1] == '\t'))
			ve--;
		if (ve - vs >= 2 && h[vs] == '"' && h[ve - 1] == '"') {
			vs++;
			ve--;
		}
		/* A pair we cannot read belongs to someone else: skip it. */
		if (ne == ns || !cookie_octet_ok(h + ns, ne - ns) ||
		    !cookie_octet_ok(h + vs, ve - vs))
			continue;
		p = param_push(r->a, &r->cookies, &r->ncookies, &cap);
		if (p == NULL)
			return 500;
		p->name = arena_strndup(r->a, h + ns, ne - ns);
		p->value = arena_strndup(r->a, h + vs, ve - vs);
		p->len = ve - vs;
		if (p->name == NULL || p->value == NULL)
			return 500;
	}
	return 0;
}

/* ------------------------------------------------------------- multipart */

struct mp {
	struct http_request *r;
	const struct http_source *src;
	const struct http_limits *lim;
	const char *tmpdir;
	char *buf;
	size_t len, pos;        /* valid bytes in buf; bytes consumed */
	size_t remaining;       /* body bytes not yet read from src */
	char delim[2 + 2 + BOUNDARY_MAX + 1]; /* "\r\n--" boundary */
	size_t dlen;
	size_t nfields_total;
	size_t capform, capfiles;
};

struct tmpfile {
	int fd;
	char *path;
};

static void
tmpfile_cleanup(void *arg)
{
	struct tmpfile *t = arg;

	if (t->fd >= 0)
		close(t->fd);
	if (t->path != NULL)
		unlink(t->path);
}

/* Read more input, keeping unconsumed bytes. Returns bytes added, 0 at end, -1 on error. */
static long
mp_fill(struct mp *m)
{
	size_t want;
	long got;

	if (m->pos > 0) {
		memmove(m->buf, m->buf + m->pos, m->len - m->pos);
		m->len -= m->pos;
		m->pos = 0;
	}
	if (m->remaining == 0)
		return 0;
	want = MP_BUF - m->len;
	if (want > m->remaining)
		want = m->remaining;
	if (want == 0)
		return 0;
	got = m->src->read(m->src->ctx, m->buf + m->len, want);
	if (got <= 0) {
		m->r->body_missing = m->remaining; /* for the log */
		return -1; /* short body: the client promised more */
	}
	m->len += (size_t)got;
	m->remaining -= (size_t)got;
	return got;
}

static const char *
memfind(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (nlen == 0 || hlen < nlen)
		return NULL;
	for (size_t i = 0; i + nlen <= hlen; i++) {
		const char *p = memchr(hay + i, needle[0], hlen - nlen + 1 - i);
		if (p == NULL)
			return NULL;
		if (memcmp(p, needle, nlen) == 0)
			return p;
		i = (size_t)(p - hay);
	}
	return NULL;
}

/* Make sure at least want unconsumed bytes are buffered. Returns 0, or 400 if input ends first. */
static int
mp_need(struct mp *m, size_t want)
{
	while (m->len - m->pos < want) {
		long got = mp_fill(m);
		if (got <= 0)
			return 400;
	}
	return 0;
}

/*
 * Stream part content to sink until the next delimiter. sink gets chunks;
 * returns 0 at the delimiter (consumed), or an HTTP status.
 */
typedef int (*mp_sink)(struct mp *m, void *arg, const char *p, size_t n);

static int
mp_content(struct mp *m, mp_sink sink, void *arg)
{
	for (;;) {
		const char *base = m->buf + m->pos;
		size_t avail = m->len - m->pos;
		const char *hit = memfind(base, avail, m->delim, m->dlen);
		int rc;

		if (hit != NULL) {
			rc = sink(m, arg, base, (size_t)(hit - base));
			if (rc)
				return rc;
			m->pos += (size_t)(hit - base) + m->dlen;
			return 0;
		}
		/* Keep a tail that could be the start of the delimiter. */
		if (avail >= m->dlen) {
			size_t flush = avail - (m->dlen - 1);
			rc = sink(m, arg, base, flush);
			if (rc)
				return rc;
			m->pos += flush;
		}
		if (mp_fill(m) <= 0)
			return 400; /* truncated: no closing delimiter */
	}
}

static int
sink_discard(struct mp *m, void *arg, const char *p, size_t n)
{
	(void)m; (void)arg; (void)p; (void)n;
	return 0;
}

struct field_acc {
	char *data;
	size_t len, cap;
};

static int
sink_field(struct mp *m, void *arg, const char *p, size_t n)
{
	struct field_acc *f = arg;
	char *nd;

	if (n == 0)
		return 0;
	if (n > m->lim->max_field_len || f->len + n > m->lim->max_field_len)
		return 413;
	if (f->len + n + 1 > f->cap) {
		/* Grow geometrically: small reads must not cost quadratic memory. */
		size_t ncap = f->cap * 2;
		if (ncap < f->len + n + 1)
			ncap = f->len + n + 1;
		if (ncap - 1 > m->lim->max_field_len)
			ncap = m->lim->max_field_len + 1;
		nd = arena_alloc(m->r->a, ncap);
		if (nd == NULL)
			return 500;
		if (f->len)
			memcpy(nd, f->data, f->len);
		f->data = nd;
		f->cap = ncap;
	}
	memcpy(f->data + f->len, p, n);
	f->len += n;
	return 0;
}

struct file_acc {
	struct tmpfile *t;
	size_t size;
	int over_limit;
};

static int
sink_file(struct mp *m, void *arg, const char *p, size_t n)
{
	struct file_acc *f = arg;

	if (n == 0)
		return 0;
	/*
	 * A file over the bound is cut, flagged and the rest of it read past:
	 * the form is still parsed, so the page can say which file was too
	 * big and keep everything else the user typed.
	 */
	if (f->over_limit)
		return 0;
	if (n > m->lim->max_upload || f->size + n > m->lim->max_upload) {
		f->over_limit = 1;
		return 0;
	}
	while (n > 0) {
		ssize_t w = write(f->t->fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return 500;
		}
		p += w;
		n -= (size_t)w;
		f->size += (size_t)w;
	}
	return 0;
}

/* Parse a header parameter like name="x" out of a Content-Disposition value. */
static int
header_param(arena *a, const char *h, size_t n, const char *key, char **out)
{
	size_t klen = strlen(key), i = 0;

	*out = NULL;
	/* Skip the disposition type. */
	while (i < n && h[i] != ';')
		i++;
	while (i < n) {
		size_t ks, ke;
		i++; /* ';' */
		while (i < n && (h[i] == ' ' || h[i] == '\t'))
			i++;
		ks = i;
		while (i < n && h[i] != '=' && h[i] != ';')
			i++;
		ke = i;
		while (ke > ks && (h[ke - 1] == ' ' || h[ke - 1] == '\t'))
			ke--;
		if (i < n && h[i] == '=') {
			size_t vs, ve;
			i++;
			while (i < n && (h[i] == ' ' || h[i] == '\t'))
				i++;
			if (i < n && h[i] == '"') {
				/* Quoted: browsers escape '"' as %22, backslash-escape is rare. */
				char *v = arena_alloc(a, n - i + 1);
				size_t o = 0;
				if (v == NULL)
					return 500;
				i++;
				while (i < n && h[i] != '"') {
					if (h[i] == '\\' && i + 1 < n &&
					    (h[i + 1] == '"' || h[i + 1] == '\\'))
						i++;
					v[o++] = h[i++];
				}
				if (i >= n)
					return 400; /* unterminated quote */
				i++;
				v[o] = '\0';
				if (ke - ks == klen && strncasecmp(h + ks, key, klen) == 0) {
					if (*out != NULL)
						return 400; /* twice */
					*out = v;
				}
				while (i < n && h[i] != ';')
					i++;
			} else {
				vs = i;
				while (i < n && h[i] != ';')
					i++;
				ve = i;
				while (ve > vs && (h[ve - 1] == ' ' || h[ve - 1] == '\t'))
					ve--;
				if (ke - ks == klen && strncasecmp(h + ks, key, klen) == 0) {
					if (*out != NULL)
						return 400;
					*out = arena_strndup(a, h + vs, ve - vs);
					if (*out == NULL)
						return 500;
				}
			}
		} else {
			while (i < n && h[i] != ';')
				i++;
		}
	}
	return 0;
}

/* The last path component of a browser-sent filename (old IE sends full paths). */
static const char *
base_name(const char *s)
{
	const char *p = s, *q;

	for (q = s; *q; q++)
		if (*q == '/' || *q == '\\')
			p = q + 1;
	return p;
}

/* Parse one part's header block hdr[0..n). */
static int
mp_part_headers(struct mp *m, const char *hdr, size_t n, char **name,
    char **filename, char **ctype)
{
	size_t i = 0;
	int seen_cd = 0;

	*name = *filename = *ctype = NULL;
	while (i < n) {
		size_t ls = i, le, colon;
		while (i < n && !(hdr[i] == '\r' && i + 1 < n && hdr[i + 1] == '\n'))
			i++;
		le = i;
		i += 2;
		if (le == ls)
			return 400;
		if (!utf8_valid_line(hdr + ls, le - ls))
			return 400;
		for (colon = ls; colon < le && hdr[colon] != ':'; colon++)
			;
		if (colon == le || colon == ls)
			return 400;
		if (hdr[ls] == ' ' || hdr[ls] == '\t')
			return 400; /* obsolete line folding */
		{
			size_t vs = colon + 1;
			while (vs < le && (hdr[vs] == ' ' || hdr[vs] == '\t'))
				vs++;
			if (colon - ls == 19 &&
			    strncasecmp(hdr + ls, "Content-Disposition", 19) == 0) {
				int rc;
				if (seen_cd++)
					return 400;
				if (le - vs < 9 || strncasecmp(hdr + vs, "form-data", 9) != 0 ||
				    (le - vs > 9 && hdr[vs + 9] != ';' && hdr[vs + 9] != ' ' &&
				    hdr[vs + 9] != '\t'))
					return 400;
				if ((rc = header_param(m->r->a, hdr + vs, le - vs, "name", name)))
					return rc;
				if ((rc = header_param(m->r->a, hdr + vs, le - vs, "filename", filename)))
					return rc;
			} else if (colon - ls == 12 &&
			    strncasecmp(hdr + ls, "Content-Type", 12) == 0) {
				if (le - vs >= 10 && strncasecmp(hdr + vs, "multipart/", 10) == 0)
					return 400; /* nested multipart is not accepted (RFC 7578) */
				*ctype = arena_strndup(m->r->a, hdr + vs, le - vs);
				if (*ctype == NULL)
					return 500;
			}
		}
	}
	if (*name == NULL || **name == '\0')
		return 400;
	if (strlen(*name) > m->lim->max_name_len)
		return 413;
	if (!utf8_valid_line(*name, strlen(*name)))
		return 400;
	if (*filename != NULL && !utf8_valid_line(*filename, strlen(*filename)))
		return 400;
	return 0;
}

static int
parse_boundary(const char *ct, char *out, size_t *outlen)
{
	const char *p = NULL, *q;
	size_t n = 0;

	/* Find "boundary=" as a parameter (after a ';'). */
	for (q = ct; (q = strchr(q, ';')) != NULL; q++) {
		const char *k = q + 1;
		while (*k == ' ' || *k == '\t')
			k++;
		if (strncasecmp(k, "boundary=", 9) == 0) {
			p = k + 9;
			break;
		}
	}
	if (p == NULL)
		return 400;
	if (*p == '"') {
		p++;
		q = strchr(p, '"');
		if (q == NULL)
			return 400;
		n = (size_t)(q - p);
	} else {
		while (p[n] && p[n] != ';' && p[n] != ' ' && p[n] != '\t')
			n++;
	}
	if (n == 0 || n > BOUNDARY_MAX)
		return 400;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		/* RFC 2046 bchars */
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || strchr("'()+_,-./:=? ", c) != NULL) ||
		    c == '\0')
			return 400;
	}
	if (p[n - 1] == ' ')
		return 400;
	memcpy(out, p, n);
	*outlen = n;
	return 0;
}

static int
parse_multipart(struct http_request *r, const struct http_source *src,
    const struct http_limits *lim, const char *tmpdir, size_t clen,
    size_t *nfields_total)
{
	struct mp m;
	char bnd[BOUNDARY_MAX + 1];
	size_t blen = 0;
	int rc;

	memset(&m, 0, sizeof(m));
	if ((rc = parse_boundary(r->content_type, bnd, &blen)))
		return rc;
	m.r = r;
	m.src = src;
	m.lim = lim;
	m.tmpdir = tmpdir;
	m.nfields_total = *nfields_total;
	m.capform = r->nform;
	m.remaining = clen;
	m.buf = arena_alloc(r->a, MP_BUF);
	if (m.buf == NULL)
		return 500;
	memcpy(m.delim, "\r\n--", 4);
	memcpy(m.delim + 4, bnd, blen);
	m.dlen = 4 + blen;
	/* A virtual CRLF in front lets the first delimiter match like the rest. */
	m.buf[0] = '\r';
	m.buf[1] = '\n';
	m.len = 2;

	/* Preamble. */
	if ((rc = mp_content(&m, sink_discard, NULL)))
		return rc;
	for (;;) {
		const char *hdr, *end;
		char *name, *filename, *ctype;
		size_t hlen;

		/* After a delimiter: "--" closes, else optional blanks then CRLF. */
		if ((rc = mp_need(&m, 2)))
			return rc;
		if (m.buf[m.pos] == '-' && m.buf[m.pos + 1] == '-')
			break;
		for (;;) {
			if ((rc = mp_need(&m, 1)))
				return rc;
			if (m.buf[m.pos] != ' ' && m.buf[m.pos] != '\t')
				break;
			m.pos++;
		}
		if ((rc = mp_need(&m, 2)))
			return rc;
		if (m.buf[m.pos] != '\r' || m.buf[m.pos + 1] != '\n')
			return 400;
		m.pos += 2;

		/* Header block, ending in an empty line. */
		for (;;) {
			size_t avail = m.len - m.pos;
			if (avail >= 2 && m.buf[m.pos] == '\r' && m.buf[m.pos + 1] == '\n') {
				return 400; /* no headers at all: no name */
			}
			end = memfind(m.buf + m.pos, avail, "\r\n\r\n", 4);
			if (end != NULL)
				break;
			/*
			 * No "\r\n\r\n" in avail bytes: the block (with its last
			 * CRLF) is at least avail - 1 bytes, so it is over the bound
			 * only when that is. Checking avail itself made a block of
			 * exactly the bound fail when read in small pieces.
			 */
			if (avail > lim->max_part_header + 1)
				return 413;
			if (mp_fill(&m) <= 0)
				return 400;
		}
		hdr = m.buf + m.pos;
		hlen = (size_t)(end - hdr) + 2; /* keep the last line's CRLF */
		if (hlen > lim->max_part_header)
			return 413;
		if ((rc = mp_part_headers(&m, hdr, hlen, &name, &filename, &ctype)))
			return rc;
		m.pos += hlen + 2;

		if (filename != NULL) {
			struct tmpfile *t;
			struct file_acc fa;
			struct http_file *f;

			if (r->nfiles >= lim->max_files)
				return 413;
			t = arena_alloc(r->a, sizeof(*t));
			if (t == NULL)
				return 500;
			t->fd = -1;
			t->path = arena_printf(r->a, "%s/xs-upload-%s", tmpdir, "XX" "XX" "XX");
			if (t->path == NULL)
				return 500;
			t->fd = mkstemp(t->path);
			if (t->fd < 0) {
				t->path = NULL;
				return 500;
			}
			if (arena_defer(r->a, tmpfile_cleanup, t) < 0)
				return 500;
			fa.t = t;
			fa.size = 0;
			fa.over_limit = 0;
			if ((rc = mp_content(&m, sink_file, &fa)))
				return rc;
			/* Written: keep no descriptor open per upload. */
			rc = close(t->fd);
			t->fd = -1;
			if (rc < 0)
				return 500;
			/*
			 * An empty file input: the browser sends filename="" and
			 * nothing. Remove its file now, so that many of them do not
			 * pile up temporary files.
			 */
			if (fa.size == 0 && filename[0] == '\0') {
				unlink(t->path);
				t->path = NULL;
				continue;
			}
			if (r->nfiles == m.capfiles) {
				size_t ncap = m.capfiles ? m.capfiles * 2 : 4;
				struct http_file *nf = arena_alloc(r->a, ncap * sizeof(*nf));
				if (nf == NULL)
					return 500;
				if (r->nfiles)
					memcpy(nf, r->files, r->nfiles * sizeof(*nf));
				r->files = nf;
				m.capfiles = ncap;
			}
			f = &r->files[r->nfiles++];
			f->field = name;
			f->filename = base_name(filename);
			f->content_type = ctype;
			f->path = t->path;
			f->size = fa.size;
			f->over_limit = fa.over_limit;
		} else {
			struct field_acc fa = { NULL, 0, 0 };
			struct http_param *p;

			if (++m.nfields_total > lim->max_fields)
				return 413;
			if ((rc = mp_content(&m, sink_field, &fa)))
				return rc;
			if (fa.data == NULL)
				fa.data = arena_strdup(r->a, "");
			if (fa.data == NULL)
				return 500;
			fa.data[fa.len] = '\0';
			if (!utf8_valid_text(fa.data, fa.len))
				return 400;
			p = param_push(r->a, &r->form, &r->nform, &m.capform);
			if (p == NULL)
				return 500;
			p->name = name;
			p->value = fa.data;
			p->len = fa.len;
		}
	}
	/* Read (and drop) the epilogue: a body shorter than promised is an error. */
	while (m.remaining > 0) {
		m.pos = m.len;
		if (mp_fill(&m) <= 0)
			return 400;
	}
	*nfields_total = m.nfields_total;
	return 0;
}

/* ------------------------------------------------------------- the request */

static const char *
getp(const struct http_source *src, const char *name)
{
	const char *v = src->param(src->ctx, name);
	return v;
}

/* Bounded, control-free header copy; NULL if absent, "" never fails on absent. */
static int
header_value(struct http_request *r, const struct http_source *src,
    const char *name, size_t max, const char **out)
{
	const char *v = getp(src, name);
	size_t n;

	*out = NULL;
	if (v == NULL)
		return 0;
	n = strlen(v);
	if (n > max)
		return 413;
	if (!utf8_valid_line(v, n))
		return 400;
	*out = arena_strndup(r->a, v, n);
	return *out == NULL ? 500 : 0;
}

static int
read_all(const struct http_source *src, char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		long k = src->read(src->ctx, buf + got, n - got);
		if (k <= 0)
			return 400;
		got += (size_t)k;
	}
	return 0;
}

static int
parse_content_length(const char *s, size_t *out)
{
	size_t v = 0;

	if (s == NULL || *s == '\0') {
		*out = 0;
		return 0;
	}
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 400;
		if (v > (SIZE_MAX - 9) / 10)
			return 413;
		v = v * 10 + (size_t)(*s - '0');
	}
	*out = v;
	return 0;
}

/* True when the Content-Type's media type (before ';') is exactly t. */
static int
media_type_is(const char *ct, const char *t)
{
	size_t n = strlen(t);

	if (strncasecmp(ct, t, n) != 0)
		return 0;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t';
}

int
http_parse(struct http_request *r, arena *a, const struct http_source *src,
    const struct http_limits *lim, const char *tmpdir)
{
	const char *m, *uri, *pi, *qs, *cl, *https, *cookie;
	size_t clen = 0, nfields_total = 0;
	int rc;

	memset(r, 0, sizeof(*r));
	r->a = a;
	r->path = "/";
	r->query_string = "";
	r->method_name = "GET";

	m = getp(src, "REQUEST_METHOD");
	if (m == NULL || *m == '\0')
		return 400;
	if (strcmp(m, "GET") == 0)
		r->method = HTTP_GET;
	else if (strcmp(m, "HEAD") == 0)
		r->method = HTTP_HEAD;
	else if (strcmp(m, "POST") == 0)
		r->method = HTTP_POST;
	else
		r->method = HTTP_OTHER;
	if (strlen(m) > 16 || !utf8_valid_line(m, strlen(m)))
		return 400;
	r->method_name = arena_strdup(a, m);
	if (r->method_name == NULL)
		return 500;

	/* The path: PATH_INFO (decoded by the server) or REQUEST_URI's path. */
	pi = getp(src, "PATH_INFO");
	uri = getp(src, "REQUEST_URI");
	if (pi != NULL && *pi != '\0') {
		size_t n = strlen(pi);
		if (n > lim->max_uri)
			return 413;
		if (!utf8_valid_line(pi, n) || pi[0] != '/')
			return 400;
		r->path = arena_strndup(a, pi, n);
	} else if (uri != NULL && *uri != '\0') {
		size_t n = strcspn(uri, "?#");
		if (strlen(uri) > lim->max_uri)
			return 413;
		if (uri[0] != '/')
			return 400; /* checked before decoding: "%2Fx" is not a path */
		r->path = http_percent_decode(a, uri, n, 0, NULL);
		if (r->path == NULL) {
			r->path = "/";
			return 400;
		}
		if (r->path[0] != '/' || !utf8_valid_line(r->path, strlen(r->path))) {
			r->path = "/";
			return 400;
		}
	}
	if (r->path == NULL) {
		r->path = "/";
		return 500;
	}
	/* Repeated slashes are one, as nginx and Apache match locations. */
	if (strstr(r->path, "//") != NULL) {
		char *p = (char *)r->path, *q = p;
		for (; *p != '\0'; p++)
			if (!(*p == '/' && q > r->path && q[-1] == '/'))
				*q++ = *p;
		*q = '\0';
	}

	if ((rc = header_value(r, src, "CONTENT_TYPE", lim->max_header, &r->content_type)) ||
	    (rc = header_value(r, src, "HTTP_ACCEPT", lim->max_header, &r->accept)) ||
	    (rc = header_value(r, src, "HTTP_HOST", lim->max_header, &r->host)) ||
	    (rc = header_value(r, src, "HTTP_ORIGIN", lim->max_header, &r->origin)) ||
	    (rc = header_value(r, src, "HTTP_REFERER", lim->max_header, &r->referer)) ||
	    (rc = header_value(r, src, "HTTP_USER_AGENT", lim->max_header, &r->user_agent)) ||
	    (rc = header_value(r, src, "REMOTE_ADDR", lim->max_header, &r->remote_addr)) ||
	    (rc = header_value(r, src, "HTTP_X_XUESHI_FAULT_AT", lim->max_header, &r->fault_at)) ||
	    (rc = header_value(r, src, "HTTP_X_XUESHI_NOW", lim->max_header, &r->clock_at)))
		return rc;
	https = getp(src, "HTTPS");
	r->https = https != NULL && (strcasecmp(https, "on") == 0 || strcmp(https, "1") == 0);

	cookie = getp(src, "HTTP_COOKIE");
	if (cookie != NULL) {
		if (strlen(cookie) > lim->max_cookie)
			return 413;
		if ((rc = parse_cookies(r, cookie)))
			return rc;
	}

	qs = getp(src, "QUERY_STRING");
	if (qs != NULL && *qs != '\0') {
		size_t n = strlen(qs);
		if (n > lim->max_uri)
			return 413;
		r->query_string = arena_strndup(a, qs, n);
		if (r->query_string == NULL)
			return 500;
		if ((rc = http_parse_urlencoded(a, qs, n, lim, &nfields_total,
		    &r->query, &r->nquery)))
			return rc;
	}

	cl = getp(src, "CONTENT_LENGTH");
	if ((rc = parse_content_length(cl, &clen)))
		return rc;
	if (clen == 0)
		return 0;
	if (r->method != HTTP_POST)
		return 400; /* a body on GET or HEAD is not something we accept */
	if (r->content_type == NULL)
		return 415;
	if (media_type_is(r->content_type, "application/x-www-form-urlencoded")) {
		char *body;
		if (clen > lim->max_form_body)
			return 413;
		body = arena_alloc(a, clen + 1);
		if (body == NULL)
			return 500;
		if ((rc = read_all(src, body, clen)))
			return rc;
		return http_parse_urlencoded(a, body, clen, lim, &nfields_total,
		    &r->form, &r->nform);
	}
	if (media_type_is(r->content_type, "multipart/form-data")) {
		if (clen > lim->max_body)
			return 413;
		return parse_multipart(r, src, lim, tmpdir, clen, &nfields_total);
	}
	return 415;
}

static const char *
find_param(const struct http_param *p, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(p[i].name, name) == 0)
			return p[i].value;
	return NULL;
}

const char *
http_query(const struct http_request *r, const char *name)
{
	return find_param(r->query, r->nquery, name);
}

const char *
http_form(const struct http_request *r, const char *name)
{
	return find_param(r->form, r->nform, name);
}

const char *
http_cookie(const struct http_request *r, const char *name)
{
	return find_param(r->cookies, r->ncookies, name);
}

const struct http_file *
http_upload(const struct http_request *r, const char *name)
{
	for (size_t i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, name) == 0)
			return &r->files[i];
	return NULL;
}

/* ------------------------------------------------------------ the response */

void
http_response_init(struct http_response *resp, arena *a)
{
	memset(resp, 0, sizeof(*resp));
	resp->a = a;
	resp->status = 200;
}

static int
is_token(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c >= 0x7f || strchr("()<>@,;:\\\"/[]?={}", c))
			return 0;
	}
	return 1;
}

int
http_header_add(struct http_response *resp, const char *name, const char *value)
{
	struct http_header *h;

	if (name == NULL || value == NULL || !is_token(name))
		return -1;
	for (const char *p = value; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return -1;
	}
	if (resp->nheaders == resp->capheaders) {
		size_t ncap = resp->capheaders ? resp->capheaders * 2 : 16;
		struct http_header *nh = arena_alloc(resp->a, ncap * sizeof(*nh));
		if (nh == NULL)
			return -1;
		if (resp->nheaders)
			memcpy(nh, resp->headers, resp->nheaders * sizeof(*nh));
		resp->headers = nh;
		resp->capheaders = ncap;
	}
	h = &resp->headers[resp->nheaders];
	h->name = arena_strdup(resp->a, name);
	h->value = arena_strdup(resp->a, value);
	if (h->name == NULL || h->value == NULL)
		return -1;
	resp->nheaders++;
	return 0;
}

int
http_redirect(struct http_response *resp, const char *location)
{
	if (location == NULL)
		return -1;
	/* Only our own paths or absolute http(s) URLs; never "//host". */
	if (!((location[0] == '/' && location[1] != '/' && location[1] != '\\') ||
	    strncmp(location, "http://", 7) == 0 ||
	    strncmp(location, "https://", 8) == 0))
		return -1;
	if (http_header_add(resp, "Location", location) < 0)
		return -1;
	resp->status = 303;
	return 0;
}

void
http_body(struct http_response *resp, const char *content_type,
    const char *body, size_t len)
{
	resp->content_type = content_type;
	resp->body = body;
	resp->body_len = len;
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default:  return "Unknown";
	}
}

int
http_write(const struct http_response *resp, int head_only,
    int (*write_fn)(void *ctx, const char *buf, size_t len), void *ctx)
{
	char line[128];
	int n;

	n = snprintf(line, sizeof(line), "Status: %d %s\r\n", resp->status,
	    http_reason(resp->status));
	if (n < 0 || write_fn(ctx, line, (size_t)n) < 0)
		return -1;
	if (resp->content_type != NULL) {
		if (write_fn(ctx, "Content-Type: ", 14) < 0 ||
		    write_fn(ctx, resp->content_type, strlen(resp->content_type)) < 0 ||
		    write_fn(ctx, "\r\n", 2) < 0)
			return -1;
	}
	n = snprintf(line, sizeof(line), "Content-Length: %lu\r\n",
	    (unsigned long)resp->body_len);
	if (n < 0 || write_fn(ctx, line, (size_t)n) < 0)
		return -1;
	for (size_t i = 0; i < resp->nheaders; i++) {
		const struct http_header *h = &resp->headers[i];
		if (write_fn(ctx, h->name, strlen(h->name)) < 0 ||
		    write_fn(ctx, ": ", 2) < 0 ||
		    write_fn(ctx, h->value, strlen(h->value)) < 0 ||
		    write_fn(ctx, "\r\n", 2) < 0)
			return -1;
	}
	if (write_fn(ctx, "\r\n", 2) < 0)
		return -1;
	if (!head_only && resp->body_len > 0 &&
	    write_fn(ctx, resp->body, resp->body_len) < 0)
		return -1;
	return 0;
}

char *
http_rfc5987(arena *a, const char *name)
{
	char *out = arena_alloc(a, 3 * strlen(name) + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p))
			*o++ = (char)*p;
		else {
			snprintf(o, 4, "%%%02X", *p);
			o += 3;
		}
	}
	*o = '\0';
	return out;
}
