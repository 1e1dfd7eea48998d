<?xml version="1.0" encoding="UTF-8"?>
<!--
  The roster import: the upload form with the templates and columns; after an
  upload, the preview (problem rows first, each with its reasons; then the
  counts of new, changed and unchanged rows) and the commit button; after a
  commit, what was done.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'import.title'"/></xsl:call-template></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'import.title'"/></xsl:call-template></h1>
    <xsl:for-each select="error">
      <p class="error" role="alert">
        <xsl:call-template name="s"><xsl:with-param name="k" select="concat('import.', @code)"/></xsl:call-template>
      </p>
    </xsl:for-each>
    <xsl:apply-templates select="import"/>
    <xsl:if test="not(import) or import/@committed = '1'">
      <p><xsl:call-template name="s"><xsl:with-param name="k" select="'import.intro'"/></xsl:call-template></p>
      <form method="post" action="/school/roster/import" enctype="multipart/form-data">
        <xsl:call-template name="csrf"/>
        <p>
          <label for="file"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.file'"/></xsl:call-template></label><br/>
          <input type="file" id="file" name="file" accept=".xlsx,.csv" required="required"/>
        </p>
        <p><button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.upload'"/></xsl:call-template></button></p>
      </form>
      <p>
        <a href="/school/roster/template.xlsx"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.template_xlsx'"/></xsl:call-template></a> ·
        <a href="/school/roster/template.csv"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.template_csv'"/></xsl:call-template></a>
      </p>
      <div class="table-wrap">
        <table class="list">
          <thead><tr><th><xsl:call-template name="s"><xsl:with-param name="k" select="'import.column'"/></xsl:call-template></th><th><xsl:call-template name="s"><xsl:with-param name="k" select="'import.required'"/></xsl:call-template></th></tr></thead>
          <tbody>
            <xsl:for-each select="columns/column">
              <tr><td><xsl:value-of select="."/></td><td><xsl:if test="@required = '1'"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.yes'"/></xsl:call-template></xsl:if></td></tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:if>
    <p><a href="/school/roster"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.back'"/></xsl:call-template></a></p>
  </xsl:template>

  <xsl:template match="import">
    <h2><xsl:value-of select="@filename"/></h2>
    <p class="summary">
      <xsl:call-template name="s"><xsl:with-param name="k" select="'import.count-rows'"/></xsl:call-template><xsl:value-of select="@rows"/> ·
      <xsl:call-template name="s"><xsl:with-param name="k" select="'import.count-problems'"/></xsl:call-template><xsl:value-of select="@problems"/> ·
      <xsl:call-template name="s"><xsl:with-param name="k" select="'import.count-new'"/></xsl:call-template><xsl:value-of select="@new"/> ·
      <xsl:call-template name="s"><xsl:with-param name="k" select="'import.count-changed'"/></xsl:call-template><xsl:value-of select="@changed"/> ·
      <xsl:call-template name="s"><xsl:with-param name="k" select="'import.count-unchanged'"/></xsl:call-template><xsl:value-of select="@unchanged"/>
    </p>
    <p class="hint">
      <xsl:if test="@sheet"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.read-sheet'"/></xsl:call-template><xsl:value-of select="@sheet"/><xsl:text>；</xsl:text></xsl:if>
      <xsl:call-template name="s"><xsl:with-param name="k" select="'import.header-line'"/></xsl:call-template><xsl:value-of select="@header-line"/><xsl:call-template name="s"><xsl:with-param name="k" select="'import.header-line-end'"/></xsl:call-template>
    </p>
    <xsl:if test="ignored-column">
      <p class="notice"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.ignored'"/></xsl:call-template>
        <xsl:for-each select="ignored-column"><xsl:if test="position() &gt; 1">、</xsl:if>“<xsl:value-of select="."/>”</xsl:for-each>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'import.ignored-end'"/></xsl:call-template></p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="@committed = '1'">
        <p class="notice" role="status">
          <xsl:call-template name="s"><xsl:with-param name="k" select="'import.done'"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="k" select="'import.count-new'"/></xsl:call-template><xsl:value-of select="@added"/> ·
          <xsl:call-template name="s"><xsl:with-param name="k" select="'import.count-changed'"/></xsl:call-template><xsl:value-of select="@updated"/>
        </p>
      </xsl:when>
      <xsl:when test="@problems &gt; 0">
        <p class="error"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.fix-first'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <form method="post" action="/school/roster/import/{@id}/commit">
          <xsl:call-template name="csrf"/>
          <p><button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.commit'"/></xsl:call-template></button></p>
        </form>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="row[@effect = 'problem']">
      <div class="table-wrap">
        <table class="list">
          <thead><tr>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'import.line'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'import.name'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'import.reasons'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="row[@effect = 'problem']">
              <tr class="problem">
                <td><xsl:value-of select="@line"/></td>
                <td><xsl:value-of select="@name"/></td>
                <td>
                  <xsl:for-each select="problem">
                    <xsl:call-template name="s"><xsl:with-param name="k" select="concat('import.', @code)"/></xsl:call-template>
                    <xsl:if test="@code = 'import_duplicate_in_file'">
                      <xsl:text> (</xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="'import.line'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="../@dup-of"/><xsl:text>)</xsl:text>
                    </xsl:if>
                    <xsl:if test="position() != last()"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.sep'"/></xsl:call-template></xsl:if>
                  </xsl:for-each>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:if>
    <xsl:if test="row[@effect != 'problem']">
      <details>
        <summary><xsl:call-template name="s"><xsl:with-param name="k" select="'import.ok-rows'"/></xsl:call-template></summary>
        <div class="table-wrap">
          <table class="list">
            <tbody>
              <xsl:for-each select="row[@effect != 'problem']">
                <tr>
                  <td><xsl:value-of select="@line"/></td>
                  <td><xsl:value-of select="@name"/></td>
                  <td><xsl:call-template name="s"><xsl:with-param name="k" select="concat('import.effect.', @effect)"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </details>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
