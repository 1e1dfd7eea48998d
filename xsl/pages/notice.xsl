<?xml version="1.0" encoding="UTF-8"?>
<!--
  One notice (通报): /district/notices/{notice} (a draft: its lists read from
  the data now, its form, publish and delete; published: as it was
  published) and /school/notices/{notice} (a published one naming the
  school, whose rows are marked). The document is the one print/notice.xsl
  prints (notice.xsl).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:include href="../notice.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:value-of select="notice/title"/></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="n" select="notice"/>
    <p class="back"><a href="/{@side}/notices"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.back'"/></xsl:call-template></a></p>
    <xsl:if test="refused"><p class="notice" role="alert"><xsl:call-template name="ns"><xsl:with-param name="k" select="concat('refused.', refused/@code)"/></xsl:call-template></p></xsl:if>
    <p class="status">
      <strong><xsl:call-template name="ns"><xsl:with-param name="k" select="concat('notice.state.', $n/@state)"/></xsl:call-template></strong>
      <xsl:choose>
        <xsl:when test="lists/@live = 'yes'"><xsl:text> · </xsl:text><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.live'"/></xsl:call-template></xsl:when>
        <xsl:otherwise>
          <xsl:text> · </xsl:text>
          <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.fixed-pre'"/></xsl:call-template>
          <xsl:value-of select="translate(substring($n/@published-at, 1, 16), 'T', ' ')"/>
          <xsl:if test="$n/published-by"><xsl:text>（</xsl:text><xsl:value-of select="$n/published-by"/><xsl:text>）</xsl:text></xsl:if>
          <xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.fixed-post'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </p>
    <p class="actions"><a href="/{@side}/notices/{$n/@id}/print"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.print'"/></xsl:call-template></a></p>
    <xsl:if test="@side = 'school'">
      <p class="hint"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.school-hint'"/></xsl:call-template></p>
    </xsl:if>
    <div class="notice-preview">
      <xsl:call-template name="notice-document"/>
    </div>
    <xsl:if test="@side = 'district' and $n/@state = 'draft'">
      <h2><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.publish-title'"/></xsl:call-template></h2>
      <p class="hint"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.publish-hint'"/></xsl:call-template></p>
      <form method="post" action="/district/notices/{$n/@id}/publish" class="actions">
        <xsl:call-template name="csrf"/>
        <button type="submit" class="primary"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.publish'"/></xsl:call-template></button>
      </form>
      <h2><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.edit'"/></xsl:call-template></h2>
      <xsl:call-template name="notice-form">
        <xsl:with-param name="action" select="concat('/district/notices/', $n/@id)"/>
        <xsl:with-param name="button" select="'notice.save'"/>
      </xsl:call-template>
      <form method="post" action="/district/notices/{$n/@id}/delete" class="actions">
        <xsl:call-template name="csrf"/>
        <button type="submit"><xsl:call-template name="ns"><xsl:with-param name="k" select="'notice.delete'"/></xsl:call-template></button>
      </form>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
