/*
 * fuzz_src.h - the request source of the HTTP fuzz targets (fuzz_http,
 * fuzz_multipart): CGI variables from a NULL-ended name/value array, and
 * the body handed over at most chunk bytes per read, so the parser's
 * buffering is tried at every split. Static: each target includes it once.
 */
#ifndef XS_FUZZ_SRC_H
#define XS_FUZZ_SRC_H

#include <stdint.h>
#include <string.h>

struct src {
	const char *env[16];   /* name, value, ..., NULL */
	const uint8_t *body;
	size_t len, off, chunk;
};

static const char *
param(void *ctx, const char *name)
{
	struct src *s = ctx;
	for (int i = 0; s->env[i]; i += 2)
		if (strcmp(s->env[i], name) == 0)
			return s->env[i + 1];
	return NULL;
}

static long
readb(void *ctx, char *buf, size_t len)
{
	struct src *s = ctx;
	size_t n = s->len - s->off;
	if (n > len)
		n = len;
	if (n > s->chunk)
		n = s->chunk;
	memcpy(buf, s->body + s->off, n);
	s->off += n;
	return (long)n;
}

#endif
