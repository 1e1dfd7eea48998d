<?xml version="1.0" encoding="UTF-8"?>
<!-- Every school year of a teacher, and the 5-year cycle (教师资格证定期注册). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:import href="../hours.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'history.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'history.title'"/></xsl:call-template></h1>
    <xsl:variable name="cur" select="years/year[1]/assessment"/>
    <xsl:if test="$cur/@cycle-result">
      <p class="notice"><xsl:call-template name="str"><xsl:with-param name="k" select="'assessment.cycle'"/></xsl:call-template>
        <xsl:call-template name="hours"><xsl:with-param name="t" select="$cur/@cycle-tenths"/></xsl:call-template>
        / <xsl:call-template name="hours"><xsl:with-param name="t" select="$cur/@cycle-min-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template> ·
        <xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', $cur/@cycle-result)"/></xsl:call-template></p>
    </xsl:if>
    <div class="table-wrap">
      <table class="list">
        <thead><tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'history.year'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.school'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'school.category'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.total'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.normative'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.required'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.result'"/></xsl:call-template></th></tr></thead>
        <tbody>
          <xsl:for-each select="years/year">
            <tr>
              <td><xsl:value-of select="@label"/></td>
              <td><xsl:value-of select="school"/></td>
              <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('category.', @category)"/></xsl:call-template></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="assessment/@confirmed-tenths"/></xsl:call-template></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="assessment/@normative-confirmed-tenths"/></xsl:call-template></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="assessment/@threshold-tenths"/></xsl:call-template></td>
              <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', assessment/@result)"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
