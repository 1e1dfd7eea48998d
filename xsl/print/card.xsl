<?xml version="1.0" encoding="UTF-8"?>
<!--
  继续教育学时登记卡: one teacher, one school year, A4 portrait, printed as
  sheets of one page each. The program says on which page each record goes
  (records/record/@page) and how many pages the card takes (@pages; the
  totals, signatures and verification go on the last): pages/print.c.
  The template "card" is the batch print's too (print/bundle.xsl), applied
  to a <card> element there and to /page here.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="paper.xsl"/>
  <xsl:include href="card-sheets.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="print-title"><xsl:with-param name="own" select="district/@card-title"/><xsl:with-param name="k" select="'card.title'"/></xsl:call-template> <xsl:value-of select="teacher/name"/></xsl:template>

  <xsl:template match="/page" mode="paper">
    <xsl:call-template name="card"><xsl:with-param name="first" select="true()"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
