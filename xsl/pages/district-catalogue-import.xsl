<?xml version="1.0" encoding="UTF-8"?>
<!--
  The catalogue as a spreadsheet (pages/catalogue_sheet.h): the upload form
  with the columns; after an upload, the row-by-row preview (rows with
  errors first, each error naming its cell; then new, changed and unchanged
  rows), the items the file would retire, the impact on results and the
  commit button; after a commit, what was done. The impact and the notices
  are district-catalogue.xsl's.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="district-catalogue.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.title'"/></xsl:call-template> · <xsl:value-of select="year/@label"/></xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.title'"/></xsl:call-template> · <xsl:value-of select="year/@label"/></h1>
    <xsl:call-template name="notices"/>
    <xsl:for-each select="error">
      <p class="error" role="alert">
        <xsl:call-template name="s"><xsl:with-param name="k" select="concat('catimport.', @code)"/></xsl:call-template>
        <xsl:if test="@column">
          <xsl:variable name="col" select="@column"/>
          <xsl:text>（</xsl:text><xsl:value-of select="/page/columns/column[@code = $col]"/><xsl:text>）</xsl:text>
        </xsl:if>
      </p>
    </xsl:for-each>
    <xsl:apply-templates select="import"/>
    <xsl:if test="year/@current and (not(import) or import/@committed = '1')">
      <p><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.intro'"/></xsl:call-template></p>
      <form method="post" action="/district/years/{year/@id}/catalogue/import" enctype="multipart/form-data">
        <xsl:call-template name="csrf"/>
        <p>
          <label for="file"><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.file'"/></xsl:call-template></label><br/>
          <input type="file" id="file" name="file" accept=".xlsx,.csv" required="required"/>
        </p>
        <p><button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.upload'"/></xsl:call-template></button></p>
      </form>
      <p><a href="/district/years/{year/@id}/catalogue.xlsx"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.export'"/></xsl:call-template></a></p>
      <details>
        <summary><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.columns'"/></xsl:call-template></summary>
        <p><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.columns-intro'"/></xsl:call-template></p>
        <ol class="columns">
          <xsl:for-each select="columns/column">
            <li><xsl:value-of select="."/><xsl:if test="@required"><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.required'"/></xsl:call-template></xsl:if></li>
          </xsl:for-each>
        </ol>
      </details>
    </xsl:if>
    <p><a href="/district/years/{year/@id}/catalogue"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.back'"/></xsl:call-template></a></p>
  </xsl:template>

  <xsl:template match="import">
    <h2><xsl:value-of select="@filename"/></h2>
    <p class="summary">
      <xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.count-rows'"/></xsl:call-template><xsl:value-of select="@rows"/> ·
      <xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.count-problems'"/></xsl:call-template><xsl:value-of select="@problems"/> ·
      <xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.count-new'"/></xsl:call-template><xsl:value-of select="@new"/> ·
      <xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.count-changed'"/></xsl:call-template><xsl:value-of select="@changed"/> ·
      <xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.count-unchanged'"/></xsl:call-template><xsl:value-of select="@unchanged"/> ·
      <xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.count-retired'"/></xsl:call-template><xsl:value-of select="@retired"/>
    </p>
    <xsl:if test="@mode = 'table'">
      <p class="notice"><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.table-mode'"/></xsl:call-template></p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="@committed = '1'">
        <p class="notice" role="status"><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.done'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:when test="@problems &gt; 0">
        <p class="error"><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.fix-first'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:when test="/page/refused"/>
      <xsl:when test="@id &gt; 0">
        <form method="post" action="/district/years/{/page/year/@id}/catalogue/import/{@id}/commit">
          <xsl:call-template name="csrf"/>
          <p><button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.commit'"/></xsl:call-template></button></p>
        </form>
      </xsl:when>
    </xsl:choose>
    <div class="table-wrap">
      <table class="list">
        <thead><tr>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.line'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.sheet.col.code'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.sheet.col.category'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.sheet.col.name'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.sheet.col.hours'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.effect'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:apply-templates select="row[@effect = 'problem']"/>
          <xsl:apply-templates select="row[@effect = 'new' or @effect = 'changed']"/>
          <xsl:apply-templates select="row[@effect = 'unchanged']"/>
        </tbody>
      </table>
    </div>
    <xsl:if test="group">
      <h3><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.groups'"/></xsl:call-template></h3>
      <ul>
        <xsl:for-each select="group">
          <li><xsl:value-of select="name"/> (<xsl:value-of select="@code"/>) · <xsl:value-of select="@cap"/> · <xsl:call-template name="s"><xsl:with-param name="k" select="concat('catimport.effect.', @effect)"/></xsl:call-template></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <xsl:if test="retire">
      <h3><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.retire'"/></xsl:call-template></h3>
      <ul>
        <xsl:for-each select="retire"><li class="retire"><xsl:value-of select="name"/> (<xsl:value-of select="@code"/>)</li></xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template match="row">
    <tr class="{@effect}">
      <td><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.line-before'"/></xsl:call-template><xsl:value-of select="@line"/><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.line-after'"/></xsl:call-template></td>
      <td><xsl:value-of select="@code"/><xsl:if test="@generated"><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.generated'"/></xsl:call-template></xsl:if></td>
      <td><xsl:value-of select="category"/></td>
      <td><xsl:value-of select="name"/></td>
      <td class="num"><xsl:value-of select="@hours"/></td>
      <td>
        <xsl:call-template name="s"><xsl:with-param name="k" select="concat('catimport.effect.', @effect)"/></xsl:call-template>
        <xsl:if test="@by-name"><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.by-name'"/></xsl:call-template></xsl:if>
        <xsl:if test="@generated and @rule-type = 'per_unit'"><xsl:call-template name="s"><xsl:with-param name="k" select="'catimport.as-per-unit'"/></xsl:call-template></xsl:if>
        <xsl:for-each select="problem">
          <br/><strong><xsl:value-of select="@header"/></strong><xsl:text>：</xsl:text>
          <xsl:call-template name="s"><xsl:with-param name="k" select="concat('catimport.err.', @code)"/></xsl:call-template>
        </xsl:for-each>
      </td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
