<?xml version="1.0" encoding="UTF-8"?>
<!--
  One teacher's school year, mobile first: the teacher's own dashboard
  (pages/teacher.xsl) and the same year as the school or the district sees
  it (pages/school-teacher.xsl) are this one template. Only the teacher's
  own page offers the history and the card; record links go to the
  caller's own pages (/teacher, /school or /district).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:import href="hours.xsl"/>

  <!-- Where this caller's record pages are: /teacher, /school or /district. -->
  <xsl:variable name="records-base">
    <xsl:choose>
      <xsl:when test="/page/@name = 'teacher'">/teacher</xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('/', substring-before(concat(substring(/page/request/@path, 2), '/'), '/'))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:choose>
      <xsl:when test="not(teacher)">
        <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.title'"/></xsl:call-template></h1>
        <p class="empty"><xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.not-on-roster'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <h1><xsl:value-of select="teacher/name"/> · <xsl:value-of select="school-year/@label"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.school-year'"/></xsl:call-template></h1>
        <p class="lead">
          <xsl:value-of select="teacher/school"/>
          <xsl:text> · </xsl:text>
          <xsl:call-template name="str"><xsl:with-param name="k" select="concat('category.', teacher/@category)"/></xsl:call-template>
          <xsl:if test="teacher/@status != 'in_post'">
            <xsl:text> · </xsl:text>
            <xsl:call-template name="str"><xsl:with-param name="k" select="concat('status.', teacher/@status)"/></xsl:call-template>
            <xsl:text>（</xsl:text><xsl:value-of select="teacher/receiving-unit"/><xsl:text>）</xsl:text>
          </xsl:if>
        </p>
        <xsl:apply-templates select="assessment"/>
        <xsl:if test="/page/@name = 'teacher'">
        <p><a class="button" href="/teacher/history"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.history'"/></xsl:call-template></a>
          <xsl:text> </xsl:text><a class="button" href="/teacher/card"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.card'"/></xsl:call-template></a>
          <xsl:text> </xsl:text><a class="button" href="/teacher/cycle"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.cycle'"/></xsl:call-template></a></p>
        </xsl:if>
        <!-- The school's and the district's view of one teacher: /…/teachers/{id}. -->
        <xsl:if test="/page/@name = 'school-teacher'">
        <p><a class="button" href="{/page/request/@path}/card"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.card'"/></xsl:call-template></a>
          <xsl:text> </xsl:text><a class="button" href="{/page/request/@path}/cycle"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.cycle'"/></xsl:call-template></a></p>
        </xsl:if>
        <xsl:call-template name="deadlines"><xsl:with-param name="list" select="school-year/deadline"/></xsl:call-template>
        <xsl:if test="school-year/@self-registration = 'no'">
          <p class="notice"><xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.admin-registers'"/></xsl:call-template></p>
        </xsl:if>
        <xsl:for-each select="records/record[@state = 'returned' or @state = 'rejected']">
          <p class="notice">
            <a href="{$records-base}/records/{@id}"><xsl:value-of select="item"/></a>
            <xsl:text>：</xsl:text>
            <xsl:call-template name="str"><xsl:with-param name="k" select="concat('state.', @state)"/></xsl:call-template>
            <xsl:if test="reason"><xsl:text>——</xsl:text><xsl:value-of select="reason"/></xsl:if>
          </p>
        </xsl:for-each>
        <h2><xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.records'"/></xsl:call-template></h2>
        <xsl:choose>
          <xsl:when test="records/record">
            <ul class="cards records">
              <xsl:for-each select="records/record">
                <xsl:variable name="id" select="@id"/>
                <xsl:variable name="count" select="/page/assessment/count[@record = $id]"/>
                <li class="card record state-{@state}">
                  <a href="{$records-base}/records/{@id}"><xsl:value-of select="item"/></a>
                  <div class="meta">
                    <span class="state"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('state.', @state)"/></xsl:call-template></span>
                    <xsl:text> · </xsl:text><xsl:value-of select="@started"/>
                    <xsl:text> · </xsl:text>
                    <xsl:call-template name="hours"><xsl:with-param name="t" select="@claimed-tenths"/></xsl:call-template>
                    <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template>
                    <xsl:if test="$count and $count/@counted-tenths != @claimed-tenths">
                      <xsl:text>，</xsl:text>
                      <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.counted'"/></xsl:call-template>
                      <xsl:text> </xsl:text>
                      <xsl:call-template name="hours"><xsl:with-param name="t" select="$count/@counted-tenths"/></xsl:call-template>
                      <xsl:text>（</xsl:text>
                      <xsl:call-template name="str"><xsl:with-param name="k" select="concat('cut.', $count/@cut)"/></xsl:call-template>
                      <xsl:text>）</xsl:text>
                    </xsl:if>
                  </div>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise><p class="empty"><xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.no-records'"/></xsl:call-template></p></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="assessment">
    <section class="card assessment result-{@result}">
      <h2><xsl:call-template name="str"><xsl:with-param name="k" select="'assessment.heading'"/></xsl:call-template></h2>
      <p class="result">
        <xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', @result)"/></xsl:call-template>
      </p>
      <div class="bar">
        <label><xsl:call-template name="str"><xsl:with-param name="k" select="'assessment.total'"/></xsl:call-template>
          <xsl:call-template name="hours"><xsl:with-param name="t" select="@confirmed-tenths"/></xsl:call-template>
          / <xsl:call-template name="hours"><xsl:with-param name="t" select="@threshold-tenths"/></xsl:call-template>
          <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template>
          <xsl:if test="@pending-tenths &gt; 0">（<xsl:call-template name="str"><xsl:with-param name="k" select="'assessment.pending'"/></xsl:call-template> <xsl:call-template name="hours"><xsl:with-param name="t" select="@pending-tenths"/></xsl:call-template>）</xsl:if>
        </label>
        <progress max="{@threshold-tenths}" value="{@confirmed-tenths}"><xsl:value-of select="@confirmed-tenths"/></progress>
      </div>
      <xsl:if test="@normative-min-tenths &gt; 0">
        <div class="bar">
          <label><xsl:call-template name="str"><xsl:with-param name="k" select="'assessment.normative'"/></xsl:call-template>
            <xsl:call-template name="hours"><xsl:with-param name="t" select="@normative-confirmed-tenths"/></xsl:call-template>
            / <xsl:call-template name="hours"><xsl:with-param name="t" select="@normative-min-tenths"/></xsl:call-template>
            <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template></label>
          <progress max="{@normative-min-tenths}" value="{@normative-confirmed-tenths}"><xsl:value-of select="@normative-confirmed-tenths"/></progress>
        </div>
      </xsl:if>
      <xsl:if test="@cycle-min-tenths">
        <div class="bar">
          <label><xsl:call-template name="str"><xsl:with-param name="k" select="'assessment.cycle'"/></xsl:call-template>
            <xsl:call-template name="hours"><xsl:with-param name="t" select="@cycle-tenths"/></xsl:call-template>
            / <xsl:call-template name="hours"><xsl:with-param name="t" select="@cycle-min-tenths"/></xsl:call-template>
            <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template></label>
          <progress max="{@cycle-min-tenths}" value="{@cycle-tenths}"><xsl:value-of select="@cycle-tenths"/></progress>
        </div>
      </xsl:if>
      <xsl:for-each select="reason">
        <p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('assessment.', @code)"/></xsl:call-template></p>
      </xsl:for-each>
    </section>
  </xsl:template>
</xsl:stylesheet>
