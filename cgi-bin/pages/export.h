/*
 * export.h - the school's tables as files for Excel: the summary table
 * (汇总表, the same data as GET /school/summary) and the 学习强国 points
 * table, as .xlsx (libxlsxwriter) and as CSV (UTF-8 with a BOM). Column
 * headers and titles come from xsl/strings.zh-CN.xml (keys export.*), read
 * once per process, so no text lives in C.
 */
#ifndef XS_EXPORT_H
#define XS_EXPORT_H

#include "core/app.h"

/* GET /school/summary.xlsx, /school/summary.csv */
int export_summary_xlsx(struct ctx *c);
int export_summary_csv(struct ctx *c);

/* GET /school/points.xlsx, /school/points.csv */
int export_points_xlsx(struct ctx *c);
int export_points_csv(struct ctx *c);
/* GET /school/records.xlsx, .csv: every record of the school's current year, with its state. */
int export_records_xlsx(struct ctx *c);
int export_records_csv(struct ctx *c);

/*
 * The string of key in the string table (xsl/strings.zh-CN.xml), or the key
 * itself when it is missing. Loaded once per process from cfg->xsl_dir.
 */
const char *export_string(const struct config *cfg, const char *key);

#endif
