<?xml version="1.0" encoding="UTF-8"?>
<!-- The district's schools side by side: teachers, results, pass rate, the flag, unreviewed records. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'stats.district-title'"/></xsl:call-template></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <!-- The rate as C computed it, in tenths of a percent (967: 96.7%). -->
  <xsl:template name="rate">
    <xsl:param name="permille"/>
    <xsl:if test="string($permille) != ''"><xsl:value-of select="format-number($permille div 10, '0.0')"/>%</xsl:if>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.district-title'"/></xsl:call-template></h1>
    <p><a href="/district/export.xlsx"><xsl:call-template name="s"><xsl:with-param name="k" select="'dexport.link'"/></xsl:call-template></a></p>
    <div class="table-wrap">
      <table class="list">
        <thead><tr>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.school'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.teachers'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.failing'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.pass-rate'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.flag'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.unreviewed'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.state'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="school">
            <tr>
              <td><a href="/district/schools/{@id}"><xsl:value-of select="name"/></a></td>
              <td><xsl:value-of select="@teachers"/></td>
              <td><xsl:value-of select="@failing"/></td>
              <td><xsl:call-template name="rate"><xsl:with-param name="permille" select="@pass-permille"/></xsl:call-template></td>
              <td><xsl:if test="@flagged"><xsl:call-template name="s"><xsl:with-param name="k" select="concat('stats.flag.', @flagged)"/></xsl:call-template></xsl:if></td>
              <td><xsl:value-of select="@unreviewed"/></td>
              <td><xsl:call-template name="s"><xsl:with-param name="k" select="concat('year-state.', @state)"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
          <tr class="total">
            <td><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.total'"/></xsl:call-template></td>
            <td><xsl:value-of select="total/@teachers"/></td>
            <td><xsl:value-of select="total/@failing"/></td>
            <td><xsl:call-template name="rate"><xsl:with-param name="permille" select="total/@pass-permille"/></xsl:call-template></td>
            <td><xsl:value-of select="total/@flagged"/></td>
            <td><xsl:value-of select="total/@unreviewed"/></td>
            <td></td>
          </tr>
        </tbody>
      </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
