<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <!-- The audit log (the district sees its own: handovers, logins, changes). -->
  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'audit.title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.heading'"/></xsl:call-template></h1>
    <p><a href="/audit?action=school_admin_handover"><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.only-handovers'"/></xsl:call-template></a> · <a href="/audit"><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.all'"/></xsl:call-template></a></p>
    <div class="table-wrap">
    <table class="list">
      <thead><tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.at'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.action'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.by'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.object'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.client'"/></xsl:call-template></th></tr></thead>
      <tbody>
        <xsl:for-each select="audit/event">
          <tr>
            <td><xsl:value-of select="@at"/></td>
            <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('audit.', @action)"/></xsl:call-template></td>
            <td><xsl:value-of select="@by"/></td>
            <td><xsl:value-of select="@object-type"/> <xsl:value-of select="@object-id"/></td>
            <td><xsl:value-of select="@client"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
