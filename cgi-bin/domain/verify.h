/*
 * domain/verify.h - the verification code printed on every card, cycle
 * statement and summary table (pure; no I/O).
 *
 * A code is the first 80 bits of an HMAC-SHA256 (computed by the caller
 * with the install's secret over the document's kind, objects and content
 * digest), written in Crockford's base32: 16 characters, printed in four
 * groups of four (MHEQ-4E5Q-AYGK-476N). Crockford's alphabet leaves out
 * I, L, O and U, so what people misread or mistype (O for 0, I or L for 1,
 * lower case, spaces, dashes) still reads back as the same code.
 */
#ifndef XS_DOMAIN_VERIFY_H
#define XS_DOMAIN_VERIFY_H

#include <stddef.h>

#define VERIFY_CODE_LEN 16   /* characters: 80 bits */
#define VERIFY_CODE_BYTES 10 /* the MAC bytes it writes */

/* The code of mac's first VERIFY_CODE_BYTES bytes into out (NUL-terminated). */
void verify_code_encode(const unsigned char *mac, char out[VERIFY_CODE_LEN + 1]);

/*
 * A code as typed or scanned into its canonical form in out: spaces and
 * dashes dropped, lower case raised, O read as 0, I and L as 1. Returns 0,
 * or -1 when what remains is not 16 characters of the alphabet (out is
 * then "").
 */
int verify_code_parse(const char *in, char out[VERIFY_CODE_LEN + 1]);

/* A canonical code with its dashes, for print: 19 characters and the NUL. */
void verify_code_group(const char *code, char out[VERIFY_CODE_LEN + 4]);

/*
 * The name as the public verification page shows it: its first character
 * (the surname, for nearly every Chinese name) and one * for each further
 * character. Writes at most size bytes (NUL included); an empty name gives
 * "". Returns out.
 */
char *verify_mask_name(const char *name, char *out, size_t size);

#endif
