<?xml version="1.0" encoding="UTF-8"?>
<!--
  The projector page of an event's sign-in (pages/events.c): the QR code of
  the current 30-second slot, the 6-digit code for typing, how many have
  signed in. No script: the page reloads itself when the code changes
  (paper.xsl's refresh).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="paper.xsl"/>
  <xsl:include href="../event-common.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:value-of select="event/title"/></xsl:template>

  <xsl:template match="/page" mode="paper">
    <div class="projector">
      <h1><xsl:value-of select="event/title"/></h1>
      <xsl:choose>
        <xsl:when test="refused"><p class="notice"><xsl:call-template name="es"><xsl:with-param name="k" select="concat('refused.', refused/@code)"/></xsl:call-template></p></xsl:when>
        <xsl:otherwise>
          <p class="subtitle"><xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.session.', signin/@session)"/></xsl:call-template>
            <xsl:text> · </xsl:text><xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.signin-', signin/@mode)"/></xsl:call-template></p>
          <div class="signin-qr"><xsl:apply-templates select="signin/qr"/></div>
          <p class="signin-code"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.code-label'"/></xsl:call-template><span class="code" data-code="{signin/@code}"><xsl:value-of select="signin/@code"/></span></p>
          <p class="hint"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.signin-hint'"/></xsl:call-template></p>
          <p class="hint"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.signin-refresh'"/></xsl:call-template></p>
          <p class="counts"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.signed-so-far'"/></xsl:call-template>
            <xsl:choose>
              <xsl:when test="signin/@session = 'morning'"><xsl:value-of select="attendance/@morning"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="attendance/@afternoon"/></xsl:otherwise>
            </xsl:choose>
            <xsl:call-template name="es"><xsl:with-param name="k" select="'events.people'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>
</xsl:stylesheet>
