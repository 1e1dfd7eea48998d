<?xml version="1.0" encoding="UTF-8"?>
<!-- 通报 on A4, in the layout of the seed notice (notice.xsl draws it). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="paper.xsl"/>
  <xsl:include href="../notice.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:value-of select="notice/title"/></xsl:template>

  <xsl:template match="/page" mode="paper">
    <xsl:call-template name="notice-document"/>
  </xsl:template>
</xsl:stylesheet>
