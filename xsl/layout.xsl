<?xml version="1.0" encoding="UTF-8"?>
<!--
  The shared layout: document head, header with navigation, footer.
  A page stylesheet imports this file and provides
    <xsl:template match="/page" mode="title"> and
    <xsl:template match="/page" mode="content">.
  Strings come from strings.zh-CN.xml through the "str" template.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <xsl:variable name="S" select="document('strings.zh-CN.xml')/strings"/>

  <xsl:template name="str">
    <xsl:param name="k"/>
    <xsl:value-of select="$S/s[@k = $k]"/>
  </xsl:template>

  <xsl:template match="/page">
    <html lang="zh-CN">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="format-detection" content="telephone=no"/>
        <title>
          <xsl:apply-templates select="." mode="title"/>
          <xsl:text> - </xsl:text>
          <xsl:call-template name="str"><xsl:with-param name="k" select="'app.name'"/></xsl:call-template>
        </title>
        <link rel="stylesheet" href="/static/css/screen.css" media="screen"/>
        <link rel="stylesheet" href="/static/css/print.css" media="print"/>
      </head>
      <body class="page-{@name}">
        <a class="skip" href="#main">
          <xsl:call-template name="str"><xsl:with-param name="k" select="'nav.skip'"/></xsl:call-template>
        </a>
        <header class="site">
          <a class="brand" href="/">
            <xsl:call-template name="str"><xsl:with-param name="k" select="'app.name'"/></xsl:call-template>
          </a>
          <nav>
            <ul>
              <li>
                <a href="/">
                  <xsl:if test="@name = 'home'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                  <xsl:call-template name="str"><xsl:with-param name="k" select="'nav.home'"/></xsl:call-template>
                </a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main">
          <xsl:apply-templates select="." mode="content"/>
        </main>
        <footer class="site">
          <xsl:call-template name="str"><xsl:with-param name="k" select="'app.footer'"/></xsl:call-template>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- A page that forgets its title still gets one. -->
  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'app.name'"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
