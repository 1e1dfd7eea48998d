/*
 * fuzz_http.c - libFuzzer target for the request parser.
 *
 * The input is: one byte choosing the request shape, then a query string up
 * to the first NUL, then the body. Every shape goes through http_parse with
 * small limits so the bounds are reached too. Built and run by run.sh.
 */
#include "core/http.h"
#include "fuzz_src.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *ctypes[] = {
		"application/x-www-form-urlencoded",
		"multipart/form-data; boundary=B",
		"multipart/form-data; boundary=\"----x y\"",
		"text/plain",
	};
	struct http_limits lim;
	struct http_request r;
	struct src s;
	char clen[32], *query;
	const uint8_t *nul;
	arena *a;
	int rc;

	if (size < 1)
		return 0;
	memset(&s, 0, sizeof(s));
	nul = memchr(data + 1, 0, size - 1);
	query = strndup((const char *)data + 1, nul ? (size_t)(nul - data - 1) : size - 1);
	s.body = nul ? nul + 1 : data + size;
	s.len = (size_t)(data + size - s.body);
	s.chunk = 1 + (data[0] >> 4) * 97;
	/* Sometimes promise more than there is. */
	snprintf(clen, sizeof(clen), "%zu", s.len + ((data[0] & 8) ? 3 : 0));
	s.env[0] = "REQUEST_METHOD"; s.env[1] = (data[0] & 4) ? "POST" : "GET";
	s.env[2] = "REQUEST_URI"; s.env[3] = "/x";
	s.env[4] = "QUERY_STRING"; s.env[5] = query;
	s.env[6] = "CONTENT_TYPE"; s.env[7] = ctypes[data[0] & 3];
	s.env[8] = "CONTENT_LENGTH"; s.env[9] = clen;
	s.env[10] = "HTTP_COOKIE"; s.env[11] = query;
	http_limits_default(&lim);
	lim.max_fields = 16;
	lim.max_field_len = 256;
	lim.max_upload = 1024;
	lim.max_files = 2;
	lim.max_part_header = 256;
	a = arena_new();
	{
		struct http_source src = { param, readb, &s };
		const char *tmp = getenv("TMPDIR");
		rc = http_parse(&r, a, &src, &lim, tmp ? tmp : "/tmp");
	}
	if (!(rc == 0 || rc == 400 || rc == 413 || rc == 415))
		abort();
	arena_free(a);
	free(query);
	return 0;
}
