<?xml version="1.0" encoding="UTF-8"?>
<!--
  The school's statistics (read-only): results and pass rate, the district's
  flag, teachers below their threshold with the gap, records per state and
  per catalogue item.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:import href="../hours.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'stats.title'"/></xsl:call-template></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="st" select="stats"/>
    <h1><xsl:value-of select="school/name"/> · <xsl:value-of select="school/@year"/> · <xsl:call-template name="s"><xsl:with-param name="k" select="'stats.title'"/></xsl:call-template></h1>
    <dl class="figures">
      <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.teachers'"/></xsl:call-template></dt><dd><xsl:value-of select="$st/@teachers"/></dd>
      <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.passing'"/></xsl:call-template></dt><dd><xsl:value-of select="$st/@passing"/></dd>
      <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.failing'"/></xsl:call-template></dt><dd><xsl:value-of select="$st/@failing"/></dd>
      <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.pass-rate'"/></xsl:call-template></dt><dd><xsl:value-of select="format-number($st/@pass-rate-tenths div 10, '0.0')"/>%</dd>
      <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.with-pending'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="count(school/teachers/teacher/result[@result = 'fail' and @confirmed-tenths + @pending-tenths &gt;= @threshold-tenths])"/></dd>
    </dl>
    <xsl:if test="$st/@flag-percent">
      <p>
        <xsl:attribute name="class"><xsl:choose><xsl:when test="$st/@flagged = 'yes'">error</xsl:when><xsl:otherwise>notice</xsl:otherwise></xsl:choose></xsl:attribute>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'stats.flag-rule'"/></xsl:call-template>
        <xsl:value-of select="$st/@flag-percent"/>% = <xsl:value-of select="$st/@flag-at"/>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'stats.persons'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$st/@flagged = 'yes'"><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.flagged'"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.more-to-flag'"/></xsl:call-template><xsl:value-of select="$st/@more-to-flag"/><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.persons'"/></xsl:call-template><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.more-to-flag-end'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>

    <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.below'"/></xsl:call-template></h2>
    <div class="table-wrap">
      <table class="list">
        <thead><tr>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'import.name'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'school.category'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'assessment.total'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'assessment.pending'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'school.needed'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.gap'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="school/teachers/teacher[result/@result = 'fail']">
            <xsl:sort select="result/@gap-tenths" data-type="number" order="descending"/>
            <tr>
              <td><a href="/school/teachers/{@teacher-year}"><xsl:value-of select="name"/></a></td>
              <td><xsl:call-template name="s"><xsl:with-param name="k" select="concat('category.', @category)"/></xsl:call-template></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="result/@confirmed-tenths"/></xsl:call-template></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="result/@pending-tenths"/></xsl:call-template></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="result/@threshold-tenths"/></xsl:call-template></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="result/@gap-tenths"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>

    <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.by-state'"/></xsl:call-template></h2>
    <div class="table-wrap">
      <table class="list">
        <tbody>
          <xsl:for-each select="$st/states/state">
            <tr>
              <td><xsl:call-template name="s"><xsl:with-param name="k" select="concat('short-state.', @name)"/></xsl:call-template></td>
              <td><xsl:value-of select="@records"/></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="@claimed-tenths"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>

    <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.by-item'"/></xsl:call-template></h2>
    <div class="table-wrap">
      <table class="list">
        <thead><tr>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.item'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.records'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.claimed'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.states'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="$st/items/item">
            <tr>
              <td><xsl:value-of select="name"/></td>
              <td><xsl:value-of select="sum(state/@records)"/></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="sum(state/@claimed-tenths)"/></xsl:call-template></td>
              <td>
                <xsl:for-each select="state">
                  <xsl:call-template name="s"><xsl:with-param name="k" select="concat('short-state.', @name)"/></xsl:call-template>
                  <xsl:text> </xsl:text><xsl:value-of select="@records"/>
                  <xsl:if test="position() != last()"><xsl:text> · </xsl:text></xsl:if>
                </xsl:for-each>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
