<?xml version="1.0" encoding="UTF-8"?>
<!-- Error pages: the message for the error code, in Chinese. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'error.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <section class="error" role="alert">
      <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'error.title'"/></xsl:call-template></h1>
      <p class="message">
        <xsl:call-template name="str">
          <xsl:with-param name="k" select="concat('error.', error/@code)"/>
        </xsl:call-template>
      </p>
      <p class="code">
        <xsl:call-template name="str"><xsl:with-param name="k" select="'error.status'"/></xsl:call-template>
        <xsl:text>: </xsl:text>
        <xsl:value-of select="error/@status"/>
      </p>
      <p><a href="/"><xsl:call-template name="str"><xsl:with-param name="k" select="'error.back'"/></xsl:call-template></a></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
