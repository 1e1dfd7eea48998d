<?xml version="1.0" encoding="UTF-8"?>
<!-- 学习强国学习积分登记表: one school, one year, A4; table headers repeat on every page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="paper.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.print-title'"/></xsl:call-template> <xsl:value-of select="points/school"/></xsl:template>

  <xsl:template match="/page" mode="paper">
    <xsl:variable name="p" select="points"/>
    <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'points.print-title'"/></xsl:call-template></h1>
    <p class="subtitle"><xsl:value-of select="$p/school"/> · <xsl:value-of select="$p/@year"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.school-year'"/></xsl:call-template></p>
    <xsl:choose>
      <xsl:when test="$p/@item = 'none'">
        <p><xsl:call-template name="str"><xsl:with-param name="k" select="'points.no-item'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <table class="records">
          <thead>
            <tr>
              <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.no'"/></xsl:call-template></th>
              <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.name'"/></xsl:call-template></th>
              <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.staff-no'"/></xsl:call-template></th>
              <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.q1'"/></xsl:call-template></th>
              <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.q2'"/></xsl:call-template></th>
              <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.q3'"/></xsl:call-template></th>
              <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.q4'"/></xsl:call-template></th>
              <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.hours'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$p/teachers/teacher">
              <tr>
                <td><xsl:value-of select="position()"/></td>
                <td><xsl:value-of select="name"/></td>
                <td><xsl:value-of select="@staff-no"/></td>
                <xsl:for-each select="quarter">
                  <td class="num"><xsl:value-of select="@total"/></td>
                </xsl:for-each>
                <td class="num"><xsl:if test="@record"><xsl:call-template name="hours"><xsl:with-param name="t" select="@hours-tenths"/></xsl:call-template></xsl:if></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <p class="counts"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.print-note'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
    <table class="signatures">
      <tr>
        <xsl:for-each select="$S/s[@k = 'points.sign-maker' or @k = 'points.sign-leader' or @k = 'points.sign-stamp']">
          <td>
            <div class="sign-title"><xsl:value-of select="."/></div>
            <div class="sign-space"></div>
            <div class="sign-date"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.sign-date'"/></xsl:call-template></div>
          </td>
        </xsl:for-each>
      </tr>
    </table>
  </xsl:template>
</xsl:stylesheet>
