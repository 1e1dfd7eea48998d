<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <!--
    The one-time password, shown once. It arrives as a stylesheet parameter
    and is never in the XML document; printed, the page is a slip to hand over.
  -->
  <xsl:param name="one_time_password" select="''"/>
  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'account-password.title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="/page" mode="content">
    <section class="slip">
      <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'account-password.heading'"/></xsl:call-template></h1>
      <p class="notice no-print"><xsl:call-template name="str"><xsl:with-param name="k" select="'account-password.once'"/></xsl:call-template></p>
      <dl class="details">
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.name'"/></xsl:call-template></dt><dd><xsl:value-of select="account/name"/></dd>
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.role'"/></xsl:call-template></dt><dd><xsl:call-template name="str"><xsl:with-param name="k" select="concat('role.', account/@role)"/></xsl:call-template></dd>
        <xsl:if test="account/school"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.school'"/></xsl:call-template></dt><dd><xsl:value-of select="account/school"/></dd></xsl:if>
        <xsl:if test="account/district"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.district'"/></xsl:call-template></dt><dd><xsl:value-of select="account/district"/></dd></xsl:if>
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.login'"/></xsl:call-template></dt><dd class="mono"><xsl:value-of select="account/@login"/></dd>
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account-password.password'"/></xsl:call-template></dt><dd class="mono big"><xsl:value-of select="$one_time_password"/></dd>
      </dl>
      <p><xsl:call-template name="str"><xsl:with-param name="k" select="'account-password.first-login'"/></xsl:call-template></p>
      <p class="no-print">
        <button type="button" class="print"><xsl:call-template name="str"><xsl:with-param name="k" select="'action.print'"/></xsl:call-template></button>
        <xsl:text> </xsl:text>
        <a href="/accounts/{account/@id}"><xsl:call-template name="str"><xsl:with-param name="k" select="'account-password.back'"/></xsl:call-template></a>
      </p>
    </section>
  </xsl:template>
</xsl:stylesheet>
