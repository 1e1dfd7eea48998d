<?xml version="1.0" encoding="UTF-8"?>
<!-- The school's roster for the current year: search, the list, the import. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.roster'"/></xsl:call-template></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'nav.roster'"/></xsl:call-template></h1>
    <xsl:for-each select="refused">
      <p class="error" role="alert"><xsl:call-template name="s"><xsl:with-param name="k" select="concat('roster.', @code)"/></xsl:call-template></p>
    </xsl:for-each>
    <form method="get" action="/school/roster" class="search">
      <label for="q"><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.search'"/></xsl:call-template></label>
      <input type="search" id="q" name="q" value="{roster/q}"/>
      <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.find'"/></xsl:call-template></button>
    </form>
    <p>
      <xsl:call-template name="s"><xsl:with-param name="k" select="'roster.count'"/></xsl:call-template>
      <xsl:value-of select="roster/@count"/>
      <xsl:if test="user/@role = 'school_admin'">
        · <a href="/school/roster/import"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.title'"/></xsl:call-template></a>
        · <a href="/school/roster/new"><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.new'"/></xsl:call-template></a>
        · <a href="/school/roster.xlsx"><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.export-xlsx'"/></xsl:call-template></a>
        · <a href="/school/roster.csv"><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.export-csv'"/></xsl:call-template></a>
        · <a href="/accounts/bulk"><xsl:call-template name="s"><xsl:with-param name="k" select="'nav.accounts-bulk'"/></xsl:call-template></a>
        · <a href="/school/roster/changes"><xsl:call-template name="s"><xsl:with-param name="k" select="'nav.changes'"/></xsl:call-template></a>
      </xsl:if>
    </p>
    <div class="table-wrap">
      <table class="list">
        <thead><tr>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'import.name'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.staff-no'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.gender'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.id'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.subject'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'school.category'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.status'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="roster/teacher">
            <tr>
              <td><a href="/school/teachers/{@teacher-year}"><xsl:value-of select="name"/></a>
                <xsl:if test="@active = '0'"> (<xsl:call-template name="s"><xsl:with-param name="k" select="'roster.inactive'"/></xsl:call-template>)</xsl:if>
                <xsl:if test="/page/user/@role = 'school_admin'"> · <a href="/school/roster/new?teacher-year={@teacher-year}"><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.edit'"/></xsl:call-template></a></xsl:if></td>
              <td><xsl:value-of select="@staff-no"/></td>
              <td><xsl:call-template name="s"><xsl:with-param name="k" select="concat('gender.', @gender)"/></xsl:call-template></td>
              <td><xsl:value-of select="@id-masked"/></td>
              <td><xsl:value-of select="subject"/></td>
              <td><xsl:call-template name="s"><xsl:with-param name="k" select="concat('category.', @category)"/></xsl:call-template></td>
              <td><xsl:call-template name="s"><xsl:with-param name="k" select="concat('status.', @status)"/></xsl:call-template>
                <xsl:if test="receiving-unit"> · <xsl:value-of select="receiving-unit"/></xsl:if></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
