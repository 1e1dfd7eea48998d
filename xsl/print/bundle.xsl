<?xml version="1.0" encoding="UTF-8"?>
<!--
  A school's bundle for the archive: the 汇总档案序号表 (archive index: one
  row per card, its serial, pages and first page) and then every card, each
  starting on a new A4 sheet and carrying its serial on its first page. The
  program paginates (pages/print.c): the index's page numbers are the
  printed ones.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="paper.xsl"/>
  <xsl:include href="card-sheets.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:value-of select="school/name"/> <xsl:call-template name="index-title"/></xsl:template>

  <xsl:template name="index-title">
    <xsl:value-of select="/page/district/@name"/><xsl:call-template name="str"><xsl:with-param name="k" select="'bundle.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="paper">
    <xsl:call-template name="index-sheet"/>
    <xsl:for-each select="card">
      <xsl:call-template name="card"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The index, 25 rows a sheet (INDEX_ROWS in pages/print.c). -->
  <xsl:template name="index-sheet">
    <xsl:param name="p" select="1"/>
    <xsl:variable name="rows" select="index/entry[position() &gt; ($p - 1) * 25 and position() &lt;= $p * 25]"/>
    <div class="sheet index-sheet{substring(' first', 1, 6 * ($p = 1))}" data-page="{$p}">
      <h1 class="index-title"><xsl:call-template name="index-title"/></h1>
      <p class="subtitle"><xsl:value-of select="school/name"/> · <xsl:value-of select="school/@year"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.school-year'"/></xsl:call-template>
        · <xsl:call-template name="str"><xsl:with-param name="k" select="'bundle.count'"/></xsl:call-template><xsl:value-of select="index/@teachers"/>
        · <xsl:call-template name="str"><xsl:with-param name="k" select="'bundle.total-pages'"/></xsl:call-template><xsl:value-of select="/page/@total-pages"/>
        <xsl:if test="index/@pages &gt; 1"> · <xsl:call-template name="str"><xsl:with-param name="k" select="'card.page'"/></xsl:call-template><xsl:value-of select="$p"/>/<xsl:value-of select="index/@pages"/></xsl:if></p>
      <table class="records index">
        <thead>
          <tr><th class="c-no"><xsl:call-template name="str"><xsl:with-param name="k" select="'bundle.col.serial'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.name'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.staff-no'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'school.category'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'bundle.col.pages'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'bundle.col.start'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.result'"/></xsl:call-template></th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="$rows">
            <tr class="entry">
              <td class="num"><xsl:value-of select="@serial"/></td>
              <td><div class="line"><xsl:value-of select="name"/></div></td>
              <td><div class="line"><xsl:value-of select="@staff-no"/></div></td>
              <td><div class="line"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('category.', @category)"/></xsl:call-template></div></td>
              <td class="num"><xsl:value-of select="@pages"/></td>
              <td class="num"><xsl:value-of select="@start-page"/></td>
              <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', @result)"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <xsl:if test="$p = index/@pages">
        <table class="signatures index-sign">
          <tr>
            <td><div class="sign-title"><xsl:call-template name="str"><xsl:with-param name="k" select="'bundle.filed-by'"/></xsl:call-template></div><div class="sign-space"></div><div class="sign-date"><xsl:call-template name="str"><xsl:with-param name="k" select="'sign.date'"/></xsl:call-template></div></td>
            <td><div class="sign-title"><xsl:call-template name="str"><xsl:with-param name="k" select="'bundle.checked-by'"/></xsl:call-template></div><div class="sign-unit"><xsl:value-of select="/page/district/@stamp"/></div><div class="sign-space"></div><div class="sign-date"><xsl:call-template name="str"><xsl:with-param name="k" select="'sign.date'"/></xsl:call-template></div></td>
          </tr>
        </table>
      </xsl:if>
    </div>
    <xsl:if test="$p &lt; index/@pages">
      <xsl:call-template name="index-sheet"><xsl:with-param name="p" select="$p + 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
