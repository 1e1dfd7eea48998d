<?xml version="1.0" encoding="UTF-8"?>
<!-- 签到表 of a training event on A4 (pages/events.c): the event, then every sign-in. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="paper.xsl"/>
  <xsl:include href="../event-common.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:value-of select="event/title"/><xsl:text> </xsl:text><xsl:call-template name="es"><xsl:with-param name="k" select="'events.sheet-title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="paper">
    <h1><xsl:value-of select="event/title"/><xsl:call-template name="es"><xsl:with-param name="k" select="'events.sheet-title'"/></xsl:call-template></h1>
    <xsl:call-template name="event-facts"/>
    <xsl:call-template name="attendance-table"/>
    <xsl:call-template name="signatures"><xsl:with-param name="who" select="'attendance'"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
