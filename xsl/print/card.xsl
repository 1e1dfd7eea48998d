<?xml version="1.0" encoding="UTF-8"?>
<!-- 继续教育学时登记卡: one teacher, one school year, A4 portrait. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="paper.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="print-title"><xsl:with-param name="own" select="district/@card-title"/><xsl:with-param name="k" select="'card.title'"/></xsl:call-template> <xsl:value-of select="teacher/name"/></xsl:template>

  <xsl:template match="/page" mode="paper">
    <xsl:variable name="a" select="assessment"/>
    <h1><xsl:call-template name="print-title"><xsl:with-param name="own" select="district/@card-title"/><xsl:with-param name="k" select="'card.title'"/></xsl:call-template></h1>
    <p class="subtitle"><xsl:value-of select="school-year/@label"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.school-year'"/></xsl:call-template>（<xsl:value-of select="school-year/@starts"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'home.period-sep'"/></xsl:call-template> <xsl:value-of select="school-year/@ends"/>）</p>
    <table class="identity">
      <tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.name'"/></xsl:call-template></th><td class="teacher-name"><xsl:value-of select="teacher/name"/></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.gender'"/></xsl:call-template></th><td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('gender.', teacher/@gender)"/></xsl:call-template></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.staff-no'"/></xsl:call-template></th><td><xsl:value-of select="teacher/@staff-no"/></td></tr>
      <tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.school'"/></xsl:call-template></th><td colspan="3"><xsl:value-of select="teacher/school"/></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'school.category'"/></xsl:call-template></th><td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('category.', teacher/@category)"/></xsl:call-template></td></tr>
      <tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.subject'"/></xsl:call-template></th><td><xsl:value-of select="teacher/subject"/></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.title-col'"/></xsl:call-template></th><td><xsl:value-of select="teacher/title"/></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.status'"/></xsl:call-template></th><td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('status.', teacher/@status)"/></xsl:call-template>
            <xsl:if test="teacher/receiving-unit"> <xsl:value-of select="teacher/receiving-unit"/></xsl:if></td></tr>
    </table>
    <table class="records">
      <thead>
        <!-- Repeated at the top of every printed page, so a loose page says whose card it is. -->
        <tr class="running"><th colspan="9"><xsl:call-template name="str"><xsl:with-param name="k" select="'card.name'"/></xsl:call-template><xsl:text>：</xsl:text><xsl:value-of select="teacher/name"/><xsl:text> · </xsl:text><xsl:value-of select="teacher/school"/><xsl:text> · </xsl:text><xsl:value-of select="school-year/@label"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.school-year'"/></xsl:call-template></th></tr>
        <tr class="heads"><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.no'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'record.dates'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'record.category'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.item'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'record.organiser'"/></xsl:call-template></th>
            <th><xsl:call-template name="str"><xsl:with-param name="k" select="'record.claimed'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'record.counted'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.state'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'record.evidence'"/></xsl:call-template></th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="records/record">
          <xsl:variable name="id" select="@id"/>
          <xsl:variable name="count" select="$a/count[@record = $id]"/>
          <tr>
            <td data-label="{$S/s[@k='card.no']}"><xsl:value-of select="position()"/></td>
            <td data-label="{$S/s[@k='record.dates']}"><xsl:value-of select="@started"/><xsl:if test="@ended != @started"> ～ <xsl:value-of select="@ended"/></xsl:if></td>
            <td data-label="{$S/s[@k='record.category']}"><xsl:value-of select="item/@category"/></td>
            <td data-label="{$S/s[@k='card.item']}"><xsl:value-of select="item"/></td>
            <td data-label="{$S/s[@k='record.organiser']}"><xsl:value-of select="organiser"/></td>
            <td data-label="{$S/s[@k='record.claimed']}" class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="@claimed-tenths"/></xsl:call-template></td>
            <td data-label="{$S/s[@k='record.counted']}" class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="$count/@counted-tenths"/></xsl:call-template></td>
            <td data-label="{$S/s[@k='card.state']}"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('short-state.', @state)"/></xsl:call-template></td>
            <td data-label="{$S/s[@k='record.evidence']}" class="num"><xsl:value-of select="@evidence"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <table class="totals">
      <tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.total'"/></xsl:call-template></th><td class="num total"><xsl:call-template name="hours"><xsl:with-param name="t" select="$a/@confirmed-tenths"/></xsl:call-template></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.normative'"/></xsl:call-template></th><td class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="$a/@normative-confirmed-tenths"/></xsl:call-template></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.required'"/></xsl:call-template></th><td class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="$a/@threshold-tenths"/></xsl:call-template></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.result'"/></xsl:call-template></th><td class="result"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', $a/@result)"/></xsl:call-template></td></tr>
      <xsl:if test="$a/@pending-tenths &gt; 0">
        <tr><td colspan="8" class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'card.pending-note'"/></xsl:call-template> <xsl:call-template name="hours"><xsl:with-param name="t" select="$a/@pending-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template></td></tr>
      </xsl:if>
    </table>
    <xsl:call-template name="signatures"><xsl:with-param name="who" select="'card'"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
