<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <!-- Changing one's own password (forced at first login). -->
  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'password.title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="/page" mode="content">
    <section class="card narrow">
      <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'password.heading'"/></xsl:call-template></h1>
      <xsl:if test="user/@must-change-password = 'yes'">
        <p class="notice"><xsl:call-template name="str"><xsl:with-param name="k" select="'password.must-change'"/></xsl:call-template></p>
      </xsl:if>
      <form method="post" action="/account/password">
        <xsl:call-template name="csrf"/>
        <xsl:call-template name="input">
          <xsl:with-param name="n" select="'current'"/>
          <xsl:with-param name="label" select="'password.current'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="keep" select="false()"/>
          <xsl:with-param name="autocomplete" select="'current-password'"/>
        </xsl:call-template>
        <xsl:call-template name="input">
          <xsl:with-param name="n" select="'new'"/>
          <xsl:with-param name="label" select="'password.new'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="keep" select="false()"/>
          <xsl:with-param name="autocomplete" select="'new-password'"/>
        </xsl:call-template>
        <xsl:call-template name="input">
          <xsl:with-param name="n" select="'again'"/>
          <xsl:with-param name="label" select="'password.again'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="keep" select="false()"/>
          <xsl:with-param name="autocomplete" select="'new-password'"/>
        </xsl:call-template>
        <p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'password.rules'"/></xsl:call-template></p>
        <button type="submit" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'password.submit'"/></xsl:call-template></button>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
