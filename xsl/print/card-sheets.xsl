<?xml version="1.0" encoding="UTF-8"?>
<!-- The card's sheets (see print/card.xsl), shared by the single card and the batch print. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The context node holds teacher, school-year, records, assessment, verification. -->
  <xsl:template name="card">
    <xsl:param name="first" select="false()"/>
    <xsl:param name="p" select="1"/>
    <xsl:variable name="pages"><xsl:choose><xsl:when test="@pages"><xsl:value-of select="@pages"/></xsl:when><xsl:otherwise>1</xsl:otherwise></xsl:choose></xsl:variable>
    <div class="sheet card-sheet{substring(' first', 1, 6 * ($first and $p = 1))}" data-page="{$p}">
      <xsl:choose>
        <xsl:when test="$p = 1">
          <xsl:if test="@serial">
            <p class="serial"><xsl:call-template name="str"><xsl:with-param name="k" select="'bundle.serial'"/></xsl:call-template><xsl:value-of select="@serial"/></p>
          </xsl:if>
          <h1><xsl:call-template name="print-title"><xsl:with-param name="own" select="/page/district/@card-title"/><xsl:with-param name="k" select="'card.title'"/></xsl:call-template></h1>
          <p class="subtitle"><xsl:value-of select="school-year/@label"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.school-year'"/></xsl:call-template>（<xsl:value-of select="school-year/@starts"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'home.period-sep'"/></xsl:call-template> <xsl:value-of select="school-year/@ends"/>）</p>
          <xsl:call-template name="card-identity"/>
        </xsl:when>
        <xsl:otherwise>
          <!-- A loose page still says whose card it is, and which page. -->
          <p class="running"><xsl:call-template name="str"><xsl:with-param name="k" select="'card.name'"/></xsl:call-template><xsl:text>：</xsl:text><xsl:value-of select="teacher/name"/><xsl:text> · </xsl:text><xsl:value-of select="teacher/school"/><xsl:text> · </xsl:text><xsl:value-of select="school-year/@label"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.school-year'"/></xsl:call-template>
            <xsl:if test="@serial"><xsl:text> · </xsl:text><xsl:call-template name="str"><xsl:with-param name="k" select="'bundle.serial'"/></xsl:call-template><xsl:value-of select="@serial"/></xsl:if>
            <xsl:text> · </xsl:text><xsl:call-template name="str"><xsl:with-param name="k" select="'card.page'"/></xsl:call-template><xsl:value-of select="$p"/>/<xsl:value-of select="$pages"/></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="records/record[@page = $p] or ($p = 1 and not(records/record))">
        <xsl:call-template name="card-records"><xsl:with-param name="rows" select="records/record[@page = $p]"/></xsl:call-template>
      </xsl:if>
      <!-- The last page holds the totals, signatures and verification. -->
      <xsl:if test="$p = $pages">
        <xsl:call-template name="card-totals"/>
        <xsl:call-template name="signatures"><xsl:with-param name="who" select="'card'"/></xsl:call-template>
        <xsl:apply-templates select="verification"/>
      </xsl:if>
    </div>
    <xsl:if test="$p &lt; $pages">
      <xsl:call-template name="card"><xsl:with-param name="first" select="$first"/><xsl:with-param name="p" select="$p + 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="card-identity">
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
  </xsl:template>

  <xsl:template name="card-records">
    <xsl:param name="rows"/>
    <xsl:variable name="a" select="assessment"/>
    <table class="records card-records">
      <thead>
        <tr class="heads"><th class="c-no"><xsl:call-template name="str"><xsl:with-param name="k" select="'card.no'"/></xsl:call-template></th><th class="c-dates"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.dates'"/></xsl:call-template></th><th class="c-cat"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.category'"/></xsl:call-template></th><th class="c-item"><xsl:call-template name="str"><xsl:with-param name="k" select="'card.item'"/></xsl:call-template></th><th class="c-org"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.organiser'"/></xsl:call-template></th>
            <th class="c-h"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.claimed'"/></xsl:call-template></th><th class="c-h"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.counted'"/></xsl:call-template></th><th class="c-state"><xsl:call-template name="str"><xsl:with-param name="k" select="'card.state'"/></xsl:call-template></th><th class="c-ev"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.evidence'"/></xsl:call-template></th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$rows">
          <xsl:variable name="id" select="@id"/>
          <xsl:variable name="count" select="$a/count[@record = $id]"/>
          <tr class="rec">
            <td data-label="{$S/s[@k='card.no']}"><xsl:value-of select="count(preceding-sibling::record) + 1"/></td>
            <td data-label="{$S/s[@k='record.dates']}"><div class="cell"><xsl:value-of select="@started"/><xsl:if test="@ended != @started"> ～ <xsl:value-of select="@ended"/></xsl:if></div></td>
            <td data-label="{$S/s[@k='record.category']}"><div class="cell"><xsl:value-of select="item/@category"/></div></td>
            <td data-label="{$S/s[@k='card.item']}"><div class="cell"><xsl:value-of select="item"/></div></td>
            <td data-label="{$S/s[@k='record.organiser']}"><div class="cell"><xsl:value-of select="organiser"/></div></td>
            <td data-label="{$S/s[@k='record.claimed']}" class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="@claimed-tenths"/></xsl:call-template></td>
            <td data-label="{$S/s[@k='record.counted']}" class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="$count/@counted-tenths"/></xsl:call-template></td>
            <td data-label="{$S/s[@k='card.state']}"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('short-state.', @state)"/></xsl:call-template></td>
            <td data-label="{$S/s[@k='record.evidence']}" class="num"><xsl:value-of select="@evidence"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="card-totals">
    <xsl:variable name="a" select="assessment"/>
    <table class="totals">
      <tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.total'"/></xsl:call-template></th><td class="num total"><xsl:call-template name="hours"><xsl:with-param name="t" select="$a/@confirmed-tenths"/></xsl:call-template></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.normative'"/></xsl:call-template></th><td class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="$a/@normative-confirmed-tenths"/></xsl:call-template></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.required'"/></xsl:call-template></th><td class="num"><xsl:call-template name="hours"><xsl:with-param name="t" select="$a/@threshold-tenths"/></xsl:call-template></td>
          <th><xsl:call-template name="str"><xsl:with-param name="k" select="'card.result'"/></xsl:call-template></th><td class="result"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', $a/@result)"/></xsl:call-template></td></tr>
      <xsl:if test="$a/@pending-tenths &gt; 0">
        <tr><td colspan="8" class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'card.pending-note'"/></xsl:call-template> <xsl:call-template name="hours"><xsl:with-param name="t" select="$a/@pending-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template></td></tr>
      </xsl:if>
    </table>
  </xsl:template>
</xsl:stylesheet>
