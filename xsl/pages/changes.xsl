<?xml version="1.0" encoding="UTF-8"?>
<!--
  The roster's changes (变动情况) this year: the school's own, with the
  button that reports the unreported ones; or, for the district, the
  reported changes of every school.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.changes'"/></xsl:call-template></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'nav.changes'"/></xsl:call-template></h1>
    <p>
      <xsl:call-template name="s"><xsl:with-param name="k" select="'changes.count'"/></xsl:call-template><xsl:value-of select="changes/@count"/>
      <xsl:if test="@scope = 'school'"> · <xsl:call-template name="s"><xsl:with-param name="k" select="'changes.unreported'"/></xsl:call-template><xsl:value-of select="changes/@unreported"/></xsl:if>
    </p>
    <xsl:if test="@scope = 'school' and user/@role = 'school_admin' and changes/@unreported &gt; 0">
      <form method="post" action="/school/roster/changes/report">
        <xsl:call-template name="csrf"/>
        <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'changes.report'"/></xsl:call-template></button>
      </form>
    </xsl:if>
    <div class="table-wrap">
      <table class="list">
        <thead><tr>
          <xsl:if test="@scope = 'district'"><th><xsl:call-template name="s"><xsl:with-param name="k" select="'changes.school'"/></xsl:call-template></th></xsl:if>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'import.name'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.staff-no'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'changes.kind'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'changes.at'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'changes.reported'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="changes/change">
            <tr>
              <xsl:if test="/page/@scope = 'district'"><td><a href="/district/schools/{@school-id}"><xsl:value-of select="school"/></a></td></xsl:if>
              <td><xsl:value-of select="teacher"/></td>
              <td><xsl:value-of select="@staff-no"/></td>
              <td><xsl:call-template name="s"><xsl:with-param name="k" select="concat('changes.kind.', @kind)"/></xsl:call-template>
                <xsl:if test="@import"><xsl:text> · </xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="'changes.by-import'"/></xsl:call-template></xsl:if>
                <xsl:if test="other-school"><xsl:text> · </xsl:text><xsl:value-of select="other-school"/></xsl:if></td>
              <td><xsl:value-of select="substring(@at, 1, 10)"/></td>
              <td><xsl:value-of select="substring(@reported, 1, 10)"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
