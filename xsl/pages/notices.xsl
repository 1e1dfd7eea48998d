<?xml version="1.0" encoding="UTF-8"?>
<!--
  The notices (通报): /district/notices (every notice of the district and
  the form of a new one, filled in from the data and the last notice) and
  /school/notices (the published ones that name the school).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:include href="../notice.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notices.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="ns"><xsl:with-param name="k" select="'notices.title'"/></xsl:call-template></h1>
    <p><xsl:call-template name="ns"><xsl:with-param name="k" select="concat('notices.intro-', @side)"/></xsl:call-template></p>
    <xsl:choose>
      <xsl:when test="not(notices/notice)">
        <p class="empty"><xsl:call-template name="ns"><xsl:with-param name="k" select="concat('notices.none-', @side)"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <ul class="cards notices">
          <xsl:for-each select="notices/notice">
            <li class="card notice-card state-{@state}">
              <h2><a href="/{/page/@side}/notices/{@id}"><xsl:value-of select="title"/></a></h2>
              <dl>
                <xsl:if test="@number">
                  <dt><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.field.number'"/></xsl:call-template></dt>
                  <dd><xsl:value-of select="@number"/></dd>
                </xsl:if>
                <dt><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.field.year'"/></xsl:call-template></dt>
                <dd><xsl:value-of select="@year"/></dd>
                <dt><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.state'"/></xsl:call-template></dt>
                <dd><strong><xsl:call-template name="ns"><xsl:with-param name="k" select="concat('notice.state.', @state)"/></xsl:call-template></strong>
                  <xsl:if test="@published-at"><xsl:text> · </xsl:text><xsl:value-of select="substring(@published-at, 1, 10)"/></xsl:if></dd>
                <dt><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.field.issued_on'"/></xsl:call-template></dt>
                <dd><xsl:value-of select="@issued-on"/></dd>
                <xsl:if test="@schools-named and /page/@side = 'district'">
                  <dt><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.schools-named'"/></xsl:call-template></dt>
                  <dd><xsl:value-of select="@schools-named"/></dd>
                </xsl:if>
              </dl>
              <p class="actions"><a href="/{/page/@side}/notices/{@id}/print"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.print'"/></xsl:call-template></a></p>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@side = 'district'">
      <h2 id="new"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notices.new'"/></xsl:call-template></h2>
      <p class="hint"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notices.new-hint'"/></xsl:call-template></p>
      <xsl:call-template name="notice-form">
        <xsl:with-param name="action" select="'/district/notices'"/>
        <xsl:with-param name="button" select="'notice.create'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
