<?xml version="1.0" encoding="UTF-8"?>
<!--
  The 5-year cycle statement (继续教育学时周期证明) for 教师资格证定期注册:
  each school year of the cycle on the rosters with its confirmed hours and
  result, the cycle's total (and, where the policy has a cycle rule, its
  minimum and result), signature and stamp boxes, and the verification.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="paper.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'cycle.title'"/></xsl:call-template> <xsl:value-of select="teacher/name"/></xsl:template>

  <xsl:template match="/page" mode="paper">
    <xsl:variable name="y" select="cycle"/>
    <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'cycle.title'"/></xsl:call-template></h1>
    <p class="subtitle"><xsl:value-of select="$y/@from"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'home.period-sep'"/></xsl:call-template> <xsl:value-of select="$y/@to"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.school-year'"/></xsl:call-template>
      （<xsl:call-template name="str"><xsl:with-param name="k" select="'cycle.years-pre'"/></xsl:call-template><xsl:value-of select="$y/@cycle-years"/><xsl:call-template name="str"><xsl:with-param name="k" select="'cycle.years-post'"/></xsl:call-template>）</p>
    <table class="identity">
      <tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.name'"/></xsl:call-template></th><td class="teacher-name"><xsl:value-of select="teacher/name"/></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.gender'"/></xsl:call-template></th><td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('gender.', teacher/@gender)"/></xsl:call-template></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.staff-no'"/></xsl:call-template></th><td><xsl:value-of select="teacher/@staff-no"/></td></tr>
      <tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.school'"/></xsl:call-template></th><td colspan="3"><xsl:value-of select="teacher/school"/></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.subject'"/></xsl:call-template></th><td><xsl:value-of select="teacher/subject"/></td></tr>
    </table>
    <table class="records cycle">
      <thead>
        <tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'history.year'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.school'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'school.category'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.total'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.normative'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.required'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.result'"/></xsl:call-template></th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$y/year">
          <tr class="cycle-year">
            <td><xsl:value-of select="@label"/></td>
            <td><xsl:value-of select="school"/></td>
            <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('category.', @category)"/></xsl:call-template></td>
            <td class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="@confirmed-tenths"/></xsl:call-template></td>
            <td class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="@normative-tenths"/></xsl:call-template></td>
            <td class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="@threshold-tenths"/></xsl:call-template></td>
            <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', @result)"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <table class="totals cycle-totals">
      <tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'cycle.total'"/></xsl:call-template></th><td class="num total"><xsl:call-template name="hours"><xsl:with-param name="t" select="$y/@total-tenths"/></xsl:call-template></td>
        <th><xsl:call-template name="str"><xsl:with-param name="k" select="'cycle.on-roster'"/></xsl:call-template></th><td class="num"><xsl:value-of select="$y/@years-on-roster"/></td>
        <xsl:choose>
          <xsl:when test="$y/@cycle-result">
            <th><xsl:call-template name="str"><xsl:with-param name="k" select="'cycle.min'"/></xsl:call-template></th><td class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="$y/@min-tenths"/></xsl:call-template></td>
            <th><xsl:call-template name="str"><xsl:with-param name="k" select="'cycle.result'"/></xsl:call-template></th><td class="result"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', $y/@cycle-result)"/></xsl:call-template></td>
          </xsl:when>
          <xsl:otherwise><td colspan="4" class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'cycle.no-rule'"/></xsl:call-template></td></xsl:otherwise>
        </xsl:choose>
      </tr>
    </table>
    <p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'cycle.note'"/></xsl:call-template></p>
    <xsl:call-template name="signatures"><xsl:with-param name="who" select="'cycle'"/></xsl:call-template>
    <xsl:apply-templates select="verification"/>
  </xsl:template>
</xsl:stylesheet>
