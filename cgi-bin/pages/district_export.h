/*
 * pages/district_export.h - the district's whole current year as one .xlsx
 * (issue 14): a district sheet with each school's teachers, passing,
 * failing, pass rate, flag (通报) and state, and a total row; then one
 * sheet per school with each teacher's hours and result. Numbers are
 * numbers (the totals too), never text. From the kept results
 * (store/assess.h), a fixed number of queries whatever the district's size.
 *
 *   GET /district/export.xlsx
 */
#ifndef XS_PAGES_DISTRICT_EXPORT_H
#define XS_PAGES_DISTRICT_EXPORT_H

#include "core/app.h"

int district_export_xlsx(struct ctx *c);

#endif
