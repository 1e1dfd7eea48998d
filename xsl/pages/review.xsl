<?xml version="1.0" encoding="UTF-8"?>
<!-- A review queue (初核 at the school, 复核 at the district), with bulk approval. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:import href="../hours.xsl"/>
  <xsl:variable name="base" select="concat('/', @stage)"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('queue.', @stage)"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="b" select="concat('/', @stage)"/>
    <h1><xsl:call-template name="str"><xsl:with-param name="k" select="concat('queue.', @stage)"/></xsl:call-template></h1>
    <form method="get" action="{$b}/review" class="search">
      <!-- Inside the loop the context is the string table: read the state first. -->
      <xsl:variable name="current" select="queue/@state"/>
      <select name="state">
        <xsl:for-each select="$S/s[starts-with(@k, 'state.')]">
          <option value="{substring-after(@k, 'state.')}">
            <xsl:if test="substring-after(@k, 'state.') = $current"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="."/></option>
        </xsl:for-each>
      </select>
      <input type="search" name="q" value="{queue/@q}" placeholder="{$S/s[@k='queue.search']}"/>
      <button type="submit"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.search-button'"/></xsl:call-template></button>
    </form>
    <xsl:choose>
      <xsl:when test="queue/record">
        <form method="post" action="{$b}/review/bulk">
          <xsl:call-template name="csrf"/>
          <div class="table-wrap">
            <table class="list">
              <thead><tr><th></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.teacher'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.school'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'record.title'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'record.dates'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'record.claimed'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'record.evidence'"/></xsl:call-template></th></tr></thead>
              <tbody>
                <xsl:for-each select="queue/record">
                  <tr>
                    <td><input type="checkbox" name="record" value="{@id}"/></td>
                    <td><xsl:value-of select="teacher"/></td>
                    <td><xsl:value-of select="school"/></td>
                    <td><a href="{$b}/records/{@id}"><xsl:value-of select="item"/></a></td>
                    <td><xsl:value-of select="@started"/></td>
                    <td><xsl:call-template name="hours"><xsl:with-param name="t" select="@claimed-tenths"/></xsl:call-template></td>
                    <td><xsl:value-of select="@evidence"/></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
          <button type="submit" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'queue.bulk-approve'"/></xsl:call-template></button>
        </form>
      </xsl:when>
      <xsl:otherwise><p class="empty"><xsl:call-template name="str"><xsl:with-param name="k" select="'queue.empty'"/></xsl:call-template></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
