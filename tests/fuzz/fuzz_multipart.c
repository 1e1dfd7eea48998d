/*
 * fuzz_multipart.c - libFuzzer target for the multipart/form-data body
 * parser in core/http.c (parse_multipart, reached through http_parse: the
 * only public way in).
 *
 * The input is: one flags byte, the boundary up to the first NUL, then the
 * body. The flags pick the read size (1 byte to 1.5 kB at a time, so every
 * delimiter and header block is split across reads), whether the boundary
 * is quoted, whether Content-Length promises more than there is, and small
 * or default limits. An empty boundary stands for "B", as the seeds use.
 *
 * What must hold: the status is one of 0, 400, 413, 415 or 500; on success
 * every field is within the limits, NUL-terminated at its length and valid
 * UTF-8, every file within max_upload unless marked over_limit and as big
 * on disk as said; and once the arena is freed no temporary file is left.
 * Built and run by run.sh.
 */
#include "core/http.h"
#include "core/utf8.h"
#include "fuzz_src.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_BOUNDARY 100

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_limits lim;
	struct http_request r;
	struct src s;
	char ctype[64 + MAX_BOUNDARY], clen[32], bnd[MAX_BOUNDARY + 1];
	char *paths[8];
	size_t blen, npaths = 0;
	const uint8_t *nul;
	const char *tmp = getenv("TMPDIR");
	arena *a;
	int rc;

	if (size < 1)
		return 0;
	memset(&s, 0, sizeof(s));
	nul = memchr(data + 1, 0, size - 1);
	blen = nul ? (size_t)(nul - data - 1) : 0;
	if (blen > MAX_BOUNDARY)
		blen = MAX_BOUNDARY;
	if (blen == 0)
		strcpy(bnd, "B");
	else {
		memcpy(bnd, data + 1, blen);
		bnd[blen] = '\0';
	}
	s.body = nul ? nul + 1 : data + 1;
	s.len = (size_t)(data + size - s.body);
	s.chunk = 1 + (data[0] >> 4) * 97;
	snprintf(ctype, sizeof(ctype), (data[0] & 1) ? "multipart/form-data; boundary=\"%s\"" :
	    "multipart/form-data; charset=utf-8; boundary=%s", bnd);
	snprintf(clen, sizeof(clen), "%zu", s.len + ((data[0] & 2) ? 5 : 0));
	s.env[0] = "REQUEST_METHOD"; s.env[1] = "POST";
	s.env[2] = "REQUEST_URI"; s.env[3] = "/school/roster/import";
	s.env[4] = "CONTENT_TYPE"; s.env[5] = ctype;
	s.env[6] = "CONTENT_LENGTH"; s.env[7] = clen;

	http_limits_default(&lim);
	if (data[0] & 4) {
		lim.max_fields = 8;
		lim.max_field_len = 64;
		lim.max_name_len = 16;
		lim.max_upload = 256;
		lim.max_files = 2;
		lim.max_part_header = 128;
	}
	if ((a = arena_new()) == NULL)
		return 0;
	{
		struct http_source hs = { param, readb, &s };
		rc = http_parse(&r, a, &hs, &lim, tmp ? tmp : "/tmp");
	}
	if (!(rc == 0 || rc == 400 || rc == 413 || rc == 415 || rc == 500))
		abort();
	if (rc == 0) {
		if (r.nform > lim.max_fields || r.nfiles > lim.max_files)
			abort();
		for (size_t i = 0; i < r.nform; i++) {
			const struct http_param *p = &r.form[i];
			if (p->name == NULL || p->value == NULL || strlen(p->value) != p->len ||
			    p->len > lim.max_field_len || !utf8_valid_text(p->value, p->len))
				abort();
		}
		for (size_t i = 0; i < r.nfiles; i++) {
			const struct http_file *f = &r.files[i];
			struct stat st;
			if (f->path == NULL || f->filename == NULL ||
			    !utf8_valid_text(f->filename, strlen(f->filename)))
				abort();
			if (!f->over_limit && f->size > lim.max_upload)
				abort();
			if (stat(f->path, &st) != 0 || (size_t)st.st_size != f->size)
				abort();
			if (npaths < sizeof(paths) / sizeof(paths[0]))
				paths[npaths++] = strdup(f->path);
		}
	}
	arena_free(a);
	/* the arena's cleanup removes every upload */
	for (size_t i = 0; i < npaths; i++) {
		if (paths[i] != NULL && access(paths[i], F_OK) == 0)
			abort();
		free(paths[i]);
	}
	return 0;
}
