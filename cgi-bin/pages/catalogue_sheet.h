/*
 * pages/catalogue_sheet.h - the year's catalogue as a spreadsheet and on
 * paper (issue 13):
 *
 *   GET  /district/years/{year}/catalogue.xlsx       the items, one row each:
 *        the 一览表's five columns (项目分类 项目 学时 计算单位 登记条件),
 *        then the rule columns (docs/rules.md, "The catalogue as a
 *        spreadsheet"), one typed value per cell
 *   GET  /district/years/{year}/catalogue/import     the upload form
 *   POST /district/years/{year}/catalogue/import     upload (.xlsx/.csv):
 *        the row-by-row preview (new, changed, unchanged, error with the
 *        error per cell), the items it would retire and the impact on the
 *        year's results; nothing is saved but the file
 *   POST /district/years/{year}/catalogue/import/{catalogue_import}/commit
 *        everything or nothing, in one transaction: groups and items
 *        upserted by code, the year's items the file leaves out retired
 *        (never deleted), each change audited
 *   GET  /district/years/{year}/catalogue/print      the printable 附件4
 *        登记项目及标准一览表 (A4, retired items left out, the total of 学时)
 *
 * A file without the 项目代码 column (a district's own 一览表) is accepted:
 * a row whose 项目分类 and 项目 name an item of the year keeps that item's
 * code and rule; any other row becomes a new per_unit item (学时 per 计算
 * 单位) with a generated code, and the preview says so. Only the current
 * year is changed (409 year_not_current); an import that would alter the
 * results of a school whose year is confirmed is refused (409
 * catalogue_locked), as the editor refuses such a change.
 */
#ifndef XS_PAGES_CATALOGUE_SHEET_H
#define XS_PAGES_CATALOGUE_SHEET_H

#include "core/app.h"

int catalogue_sheet_xlsx(struct ctx *c);
int catalogue_print(struct ctx *c);
int catalogue_import_page(struct ctx *c);
int catalogue_import_post(struct ctx *c);
int catalogue_import_commit(struct ctx *c);

#endif
