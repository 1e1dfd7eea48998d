<?xml version="1.0" encoding="UTF-8"?>
<!-- The school's 学习强国 points table: every teacher's quarter-end totals, gains and hours; the admin types many and saves once. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:import href="../hours.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="p" select="points"/>
    <xsl:variable name="edit" select="$p/@editable = 'yes'"/>
    <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'points.title'"/></xsl:call-template></h1>
    <p class="lead"><xsl:value-of select="$p/school"/> · <xsl:value-of select="$p/@year"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.school-year'"/></xsl:call-template></p>
    <xsl:choose>
      <xsl:when test="$p/@item = 'none'">
        <p class="notice"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.no-item'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:call-template name="str"><xsl:with-param name="k" select="'points.lead'"/></xsl:call-template></p>
        <p class="hint">
          <xsl:call-template name="str"><xsl:with-param name="k" select="'points.rule-base'"/></xsl:call-template> <xsl:value-of select="$p/item/@base"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'points.rule-points'"/></xsl:call-template>；
          <xsl:call-template name="str"><xsl:with-param name="k" select="'points.rule-gain'"/></xsl:call-template> <xsl:value-of select="$p/item/@gain"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'points.rule-hours'"/></xsl:call-template> <xsl:call-template name="hours"><xsl:with-param name="t" select="$p/item/@hours-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'points.rule-hours-unit'"/></xsl:call-template>；
          <xsl:call-template name="str"><xsl:with-param name="k" select="'points.rule-max'"/></xsl:call-template> <xsl:call-template name="hours"><xsl:with-param name="t" select="$p/item/@max-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'points.rule-hours-unit'"/></xsl:call-template>
        </p>
        <xsl:if test="saved">
          <p class="notice" role="status"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.saved'"/></xsl:call-template> <xsl:value-of select="saved/@count"/></p>
        </xsl:if>
        <xsl:if test="refused/@code = 'year_locked' or ($p/@year-state != 'open' and user/@role = 'school_admin')">
          <p class="notice"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.year-locked'"/></xsl:call-template></p>
        </xsl:if>
        <xsl:if test="refused/@code = 'deadline_passed'">
          <p class="notice" role="alert"><xsl:call-template name="str"><xsl:with-param name="k" select="'refused.deadline_passed'"/></xsl:call-template></p>
        </xsl:if>
        <xsl:if test="refused/@errors">
          <div class="notice" role="alert">
            <p><xsl:call-template name="str"><xsl:with-param name="k" select="'points.errors'"/></xsl:call-template></p>
            <ul>
              <xsl:for-each select="$p/teachers/teacher[error]">
                <li><xsl:value-of select="name"/> (<xsl:value-of select="@staff-no"/>)：<xsl:call-template name="str"><xsl:with-param name="k" select="concat('points.error.', error/@code)"/></xsl:call-template></li>
              </xsl:for-each>
            </ul>
          </div>
        </xsl:if>
        <div class="actions">
          <a class="button" href="/school/points/print"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.print'"/></xsl:call-template></a>
          <a class="button" href="/school/points.xlsx"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.export-xlsx'"/></xsl:call-template></a>
          <a class="button" href="/school/points.csv"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.export-csv'"/></xsl:call-template></a>
        </div>
        <form method="post" action="/school/points">
          <xsl:if test="$edit"><xsl:call-template name="csrf"/></xsl:if>
          <div class="table-wrap">
            <table class="list points">
              <thead><tr>
                <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.name'"/></xsl:call-template></th>
                <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.q1'"/></xsl:call-template></th>
                <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.q2'"/></xsl:call-template></th>
                <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.q3'"/></xsl:call-template></th>
                <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.q4'"/></xsl:call-template></th>
                <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.hours'"/></xsl:call-template></th>
                <th><xsl:call-template name="str"><xsl:with-param name="k" select="'points.col.state'"/></xsl:call-template></th>
              </tr></thead>
              <tbody>
                <xsl:for-each select="$p/teachers/teacher">
                  <xsl:variable name="t" select="."/>
                  <tr>
                    <xsl:if test="error"><xsl:attribute name="class">has-error</xsl:attribute></xsl:if>
                    <td><xsl:value-of select="name"/><xsl:text> </xsl:text><span class="hint"><xsl:value-of select="@staff-no"/></span>
                      <xsl:if test="error"><br/><span class="field-error"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('points.error.', error/@code)"/></xsl:call-template></span></xsl:if>
                    </td>
                    <xsl:for-each select="quarter">
                      <td class="num">
                        <xsl:choose>
                          <xsl:when test="$edit and $t/@editable = 'yes'">
                            <input type="text" inputmode="numeric" size="8" name="q{@n}-{$t/@teacher-year}">
                              <xsl:attribute name="value"><xsl:choose><xsl:when test="@typed or $t/error"><xsl:value-of select="@typed"/></xsl:when><xsl:otherwise><xsl:value-of select="@total"/></xsl:otherwise></xsl:choose></xsl:attribute>
                              <xsl:if test="$t/error/@field = concat('q', @n)"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
                            </input>
                          </xsl:when>
                          <xsl:otherwise><xsl:value-of select="@total"/></xsl:otherwise>
                        </xsl:choose>
                        <xsl:if test="@gain"><br/><span class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.gain'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="@gain"/></span></xsl:if>
                      </td>
                    </xsl:for-each>
                    <td class="num"><xsl:if test="@record"><xsl:call-template name="hours"><xsl:with-param name="t" select="@hours-tenths"/></xsl:call-template></xsl:if></td>
                    <td>
                      <xsl:choose>
                        <xsl:when test="@record"><a href="/school/records/{@record}"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('state.', @state)"/></xsl:call-template></a></xsl:when>
                        <xsl:otherwise><xsl:call-template name="str"><xsl:with-param name="k" select="'points.no-record'"/></xsl:call-template></xsl:otherwise>
                      </xsl:choose>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
          <xsl:if test="$edit">
            <p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.save-hint'"/></xsl:call-template></p>
            <button type="submit" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'points.save'"/></xsl:call-template></button>
          </xsl:if>
        </form>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
