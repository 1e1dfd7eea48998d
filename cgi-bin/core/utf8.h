/*
 * utf8.h - strict UTF-8 validation, shared by every parser.
 */
#ifndef XS_UTF8_H
#define XS_UTF8_H

#include <stddef.h>

/*
 * Return 1 when s[0..n) is well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF) and holds no NUL and no C0 control
 * character other than TAB, LF and CR; 0 otherwise. Allocates nothing.
 */
int utf8_valid_text(const char *s, size_t n);

/* As utf8_valid_text, but also refuses TAB, LF and CR (single-line values). */
int utf8_valid_line(const char *s, size_t n);

/* Number of code points in a valid UTF-8 string of n bytes. */
size_t utf8_length(const char *s, size_t n);

#endif
