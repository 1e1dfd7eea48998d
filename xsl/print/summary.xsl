<?xml version="1.0" encoding="UTF-8"?>
<!-- 继续教育学时汇总表: one school, one year, A4; table headers repeat on every page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="paper.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="print-title"><xsl:with-param name="own" select="district/@summary-title"/><xsl:with-param name="k" select="'summary.title'"/></xsl:call-template> <xsl:value-of select="school/name"/></xsl:template>

  <xsl:template match="/page" mode="paper">
    <xsl:variable name="s" select="school"/>
    <h1><xsl:call-template name="print-title"><xsl:with-param name="own" select="district/@summary-title"/><xsl:with-param name="k" select="'summary.title'"/></xsl:call-template></h1>
    <p class="subtitle"><xsl:value-of select="$s/name"/> · <xsl:value-of select="$s/@year"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.school-year'"/></xsl:call-template></p>
    <table class="records">
      <thead>
        <tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.no'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.name'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.staff-no'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'school.category'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'summary.status'"/></xsl:call-template></th>
            <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.total'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.normative'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.required'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.result'"/></xsl:call-template></th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$s/teachers/teacher">
          <tr>
            <td><xsl:value-of select="position()"/></td>
            <td><xsl:value-of select="name"/></td>
            <td><xsl:value-of select="@staff-no"/></td>
            <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('category.', @category)"/></xsl:call-template></td>
            <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('status.', @status)"/></xsl:call-template><xsl:if test="receiving-unit"><xsl:call-template name="str"><xsl:with-param name="k" select="'summary.unit-open'"/></xsl:call-template><xsl:value-of select="receiving-unit"/><xsl:call-template name="str"><xsl:with-param name="k" select="'summary.unit-close'"/></xsl:call-template></xsl:if></td>
            <td class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="result/@confirmed-tenths"/></xsl:call-template></td>
            <td class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="result/@normative-confirmed-tenths"/></xsl:call-template></td>
            <td class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="result/@threshold-tenths"/></xsl:call-template></td>
            <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', result/@result)"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <p class="counts"><xsl:call-template name="str"><xsl:with-param name="k" select="'summary.counts-teachers'"/></xsl:call-template> <xsl:value-of select="$s/@teachers"/>，<xsl:call-template name="str"><xsl:with-param name="k" select="'summary.counts-pass'"/></xsl:call-template> <xsl:value-of select="$s/@teachers - $s/@failing"/>，<xsl:call-template name="str"><xsl:with-param name="k" select="'summary.counts-fail'"/></xsl:call-template> <xsl:value-of select="$s/@failing"/>，<xsl:call-template name="str"><xsl:with-param name="k" select="'summary.pass-rate'"/></xsl:call-template>
      <xsl:choose><xsl:when test="$s/@teachers &gt; 0"><xsl:value-of select="format-number(($s/@teachers - $s/@failing) div $s/@teachers, '0.0%')"/></xsl:when><xsl:otherwise>—</xsl:otherwise></xsl:choose>
    </p>
    <xsl:call-template name="signatures"><xsl:with-param name="who" select="'summary'"/></xsl:call-template>
    <xsl:apply-templates select="verification"/>
  </xsl:template>
</xsl:stylesheet>
