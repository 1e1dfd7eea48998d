/*
 * pages/verify.h - what a printed document states, its verification code
 * and QR code, and the public /verify page (issue 15).
 *
 * Every card (登记卡), 5-year cycle statement and summary table (汇总表) is
 * printed with a <verification> element: a 16-character code and a QR code
 * of the URL /verify?c=CODE. The code is the first 80 bits of
 * HMAC-SHA256(install secret, kind, objects, digest), where digest is the
 * SHA-256 of the document's content as printed (for a card: the teacher,
 * school, year, category, every record's id, state, claimed hours and item,
 * the kept result's figures, the school's state and confirmation date). The
 * printed document is kept by its code (printed_document) with what /verify
 * shows; /verify looks the code up, checks the row's MAC, recomputes the
 * digest from today's data and says: valid, changed after printing, or
 * unknown.
 */
#ifndef XS_PAGES_VERIFY_H
#define XS_PAGES_VERIFY_H

#include "core/app.h"
#include "store/verify.h"

struct assessment;

/*
 * What ty's card, ty's cycle statement (the cycle ending with ty's year),
 * or school's summary of year states: d filled, its code computed (not yet
 * kept). cycle, when not NULL, gets the cycle's years for the page. 200, or
 * the status (404: no such teacher-year or school year).
 */
int verify_card(struct ctx *c, long long ty, struct printed_document *d);
int verify_cycle(struct ctx *c, long long ty, struct printed_document *d, xmlNodePtr cycle);
int verify_summary(struct ctx *c, long long school, long long year, struct printed_document *d);

/*
 * verify_card with what a batch knows already: ty's kept result and the
 * district's confirmer (NULL: read them).
 */
int verify_card_known(struct ctx *c, long long ty, const struct assessment *kept,
    const char *by, struct printed_document *d);

/* Who confirms for district: its stamp (its settings), the unit that signs 复核; NULL on failure. */
const char *verify_confirmer(struct ctx *c, long long district);

/* Keep n documents (one transaction). 200 or the status. */
int verify_keep(struct ctx *c, const struct printed_document *d, size_t n);

/* <verification code grouped url><qr/></verification> for d under parent. 200 or 500. */
int verify_xml(struct ctx *c, xmlNodePtr parent, const struct printed_document *d);

/* verify_card + verify_keep + verify_xml under parent. */
int verify_stamp_card(struct ctx *c, xmlNodePtr parent, long long ty);
int verify_stamp_summary(struct ctx *c, xmlNodePtr parent, long long school, long long year);

/* GET /verify[?c=CODE]: public, no login. */
int verify_page(struct ctx *c);

#define VERIFY_FIELDS { { "c", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

/*
 * The install's secret (VERIFY_SECRET_BYTES, made on first use), for the
 * other codes keyed by it (the events' sign-in codes, domain/signin.h: their
 * messages differ from the documents'), or NULL when it cannot be read.
 */
const unsigned char *verify_install_key(struct ctx *c);

/* The address QR codes lead to, without a trailing slash: XUESHI_PUBLIC_URL, else the request's host, checked. */
const char *verify_base_url(struct ctx *c);

#endif
