<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <!-- The accounts the caller manages. -->
  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'accounts.title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'accounts.heading'"/></xsl:call-template></h1>
    <p><a class="button" href="/accounts/new"><xsl:call-template name="str"><xsl:with-param name="k" select="'accounts.new'"/></xsl:call-template></a>
      <xsl:if test="/page/user/@role = 'school_admin'"><xsl:text> </xsl:text><a class="button" href="/accounts/bulk"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.accounts-bulk'"/></xsl:call-template></a></xsl:if></p>
    <xsl:choose>
      <xsl:when test="accounts/account">
        <div class="table-wrap">
        <table class="list">
          <thead><tr>
            <th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.login'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.name'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.role'"/></xsl:call-template></th>
            <th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.unit'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.state'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="accounts/account">
              <tr>
                <td><a href="/accounts/{@id}"><xsl:value-of select="@login"/></a></td>
                <td><xsl:value-of select="name"/></td>
                <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('role.', @role)"/></xsl:call-template></td>
                <td><xsl:value-of select="school"/><xsl:if test="not(school)"><xsl:value-of select="district"/></xsl:if></td>
                <td><xsl:apply-templates select="." mode="state"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="empty"><xsl:call-template name="str"><xsl:with-param name="k" select="'accounts.none'"/></xsl:call-template></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="account" mode="state">
    <xsl:choose>
      <xsl:when test="@active = 'no'"><xsl:call-template name="str"><xsl:with-param name="k" select="'account.disabled'"/></xsl:call-template></xsl:when>
      <xsl:when test="@locked = 'yes'"><xsl:call-template name="str"><xsl:with-param name="k" select="'account.locked'"/></xsl:call-template></xsl:when>
      <xsl:when test="@must-change-password = 'yes'"><xsl:call-template name="str"><xsl:with-param name="k" select="'account.must-change'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="str"><xsl:with-param name="k" select="'account.active'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
