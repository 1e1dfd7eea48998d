/* domain/verify.c - see domain/verify.h */
#include "domain/verify.h"

#include <string.h>

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void
verify_code_encode(const unsigned char *mac, char out[VERIFY_CODE_LEN + 1])
{
	/* 80 bits, 5 at a time, most significant first. */
	for (int i = 0; i < VERIFY_CODE_LEN; i++) {
		int bit = i * 5, v = 0;
		for (int k = 0; k < 5; k++, bit++)
			v = (v << 1) | ((mac[bit / 8] >> (7 - bit % 8)) & 1);
		out[i] = alphabet[v];
	}
	out[VERIFY_CODE_LEN] = '\0';
}

int
verify_code_parse(const char *in, char out[VERIFY_CODE_LEN + 1])
{
	size_t n = 0;

	out[0] = '\0';
	if (in == NULL)
		return -1;
	for (const char *p = in; *p; p++) {
		char ch = *p;
		if (ch == ' ' || ch == '-' || ch == '\t')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch == 'O')
			ch = '0';
		else if (ch == 'I' || ch == 'L')
			ch = '1';
		if (strchr(alphabet, ch) == NULL || ch == '\0' || n == VERIFY_CODE_LEN) {
			out[0] = '\0';
			return -1;
		}
		out[n++] = ch;
	}
	if (n != VERIFY_CODE_LEN) {
		out[0] = '\0';
		return -1;
	}
	out[n] = '\0';
	return 0;
}

void
verify_code_group(const char *code, char out[VERIFY_CODE_LEN + 4])
{
	size_t o = 0;

	for (size_t i = 0; i < VERIFY_CODE_LEN && code[i]; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = code[i];
	}
	out[o] = '\0';
}

/* The length of the UTF-8 sequence s starts (1 for a stray byte). */
static size_t
seq_len(const unsigned char *s)
{
	size_t n = *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC0 ? 2 : 1;

	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

char *
verify_mask_name(const char *name, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t o = 0;

	if (size == 0)
		return out;
	out[0] = '\0';
	if (name == NULL || *p == '\0')
		return out;
	{
		size_t n = seq_len(p);
		if (n + 1 > size)
			return out;
		memcpy(out, p, n);
		o = n;
		p += n;
	}
	while (*p && o + 2 <= size) {
		p += seq_len(p);
		out[o++] = '*';
	}
	out[o] = '\0';
	return out;
}
