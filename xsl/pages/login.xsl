<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <!-- Login: the only form an anonymous visitor posts. -->
  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'login.title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="/page" mode="content">
    <section class="card narrow">
      <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'login.heading'"/></xsl:call-template></h1>
      <xsl:if test="form/form-error[@field = 'login' and (@code = 'login_slowed' or @code = 'login_locked')]">
        <p class="notice"><xsl:call-template name="str"><xsl:with-param name="k" select="'login.retry-after'"/></xsl:call-template> <xsl:value-of select="form/@retry-after"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'login.seconds'"/></xsl:call-template></p>
      </xsl:if>
      <form method="post" action="/login">
        <xsl:call-template name="csrf"/>
        <xsl:if test="form/value[@name = 'next']">
          <input type="hidden" name="next" value="{form/value[@name = 'next']}"/>
        </xsl:if>
        <xsl:call-template name="input">
          <xsl:with-param name="n" select="'login'"/>
          <xsl:with-param name="label" select="'login.login'"/>
          <xsl:with-param name="autocomplete" select="'username'"/>
        </xsl:call-template>
        <xsl:call-template name="input">
          <xsl:with-param name="n" select="'password'"/>
          <xsl:with-param name="label" select="'login.password'"/>
          <xsl:with-param name="type" select="'password'"/>
          <xsl:with-param name="keep" select="false()"/>
          <xsl:with-param name="autocomplete" select="'current-password'"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'login.submit'"/></xsl:call-template></button>
      </form>
      <p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'login.hint'"/></xsl:call-template></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
