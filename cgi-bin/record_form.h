/*
 * record_form.h - registering an activity: the catalogue, the form by rule
 * type, and the POST that saves a record with its evidence. The caller has
 * scoped the teacher-year (its own, or a teacher of its school).
 */
#ifndef XS_RECORD_FORM_H
#define XS_RECORD_FORM_H

#include "core/app.h"

/* GET: the catalogue (no ?item=) or the form for ?item=ID. base is "/teacher" or "/school". */
int record_form_get(struct ctx *c, long long ty, const char *base);

/* POST: validate, compute, check evidence, save; 303 to base/records/ID, or the form with errors (422). */
int record_form_post(struct ctx *c, long long ty, const char *base, long long district);

/* GET/POST base/records/ID/edit: change a draft or a returned record (409 otherwise). */
int record_form_edit_get(struct ctx *c, long long ty, const char *base, long long record_id);
int record_form_edit_post(struct ctx *c, long long ty, const char *base, long long district,
    long long record_id);

/* Journal CN numbers ("CN 11-1234/G4") and ISBN-13 check digits. */
int record_cn_valid(const char *s);
int record_isbn_valid(const char *s);

#endif
