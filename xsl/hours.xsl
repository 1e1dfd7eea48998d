<?xml version="1.0" encoding="UTF-8"?>
<!-- Hours: tenths of an hour in the XML, shown as 90 or 92.5. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="hours">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="string($t) = ''">0</xsl:when>
      <xsl:when test="$t mod 10 = 0"><xsl:value-of select="$t div 10"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="format-number($t div 10, '0.0')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
