<?xml version="1.0" encoding="UTF-8"?>
<!--
  The frame of every document made for paper (A4): no navigation, the paper
  stylesheet for screen and print alike, a print button that does not print.
  A print stylesheet imports this one and provides mode="title" and
  mode="paper".
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:import href="../hours.xsl"/>

  <xsl:template match="/page">
    <html lang="zh-CN">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:apply-templates select="." mode="title"/></title>
        <!-- A page that changes on its own (an event's sign-in code): reloaded when its code does. -->
        <xsl:if test="/page/signin/@refresh"><meta http-equiv="refresh" content="{/page/signin/@refresh}"/></xsl:if>
        <link rel="stylesheet" href="/static/css/paper.css"/>
        <script src="/static/js/print.js" defer="defer"></script>
      </head>
      <body class="paper page-{@name}">
        <!--
          Printing needs no script: the browser's own 打印 (or 另存为 PDF)
          prints this page as the paper it is. The button, which only
          calls that, stays hidden until the script shows it.
        -->
        <p class="no-print toolbar">
          <span class="print-hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'paper.print-hint'"/></xsl:call-template></span>
          <button type="button" class="print" hidden="hidden"><xsl:call-template name="str"><xsl:with-param name="k" select="'action.print'"/></xsl:call-template></button>
        </p>
        <xsl:apply-templates select="." mode="paper"/>
      </body>
    </html>
  </xsl:template>

  <!-- A form's title: the district's own (its settings), else the product's. -->
  <xsl:template name="print-title">
    <xsl:param name="own"/>
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="string($own) != ''"><xsl:value-of select="$own"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="signatures">
    <xsl:param name="who"/>
    <!-- Taken here: inside the loop "/" is the string table's document. -->
    <xsl:variable name="stamp" select="/page/district/@stamp"/>
    <table class="signatures">
      <tr>
        <xsl:for-each select="$S/s[starts-with(@k, concat('sign.', $who, '.'))]">
          <td>
            <div class="sign-title"><xsl:value-of select="."/></div>
            <!-- The district's review: the unit whose stamp it carries (its settings). -->
            <xsl:if test="position() = last() and $stamp">
              <div class="sign-unit"><xsl:value-of select="$stamp"/></div>
            </xsl:if>
            <div class="sign-space"></div>
            <div class="sign-date"><xsl:call-template name="str"><xsl:with-param name="k" select="'sign.date'"/></xsl:call-template></div>
          </td>
        </xsl:for-each>
      </tr>
    </table>
  </xsl:template>

  <!--
    What makes a printed document checkable (pages/verify.c): its QR code,
    drawn from the program's runs of dark modules with the 4-module quiet
    zone around them, and its code with where to type it.
  -->
  <xsl:template match="verification">
    <div class="verification">
      <xsl:apply-templates select="qr"/>
      <div class="verify-text">
        <div class="verify-code"><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.code-label'"/></xsl:call-template><span class="code"><xsl:value-of select="@grouped"/></span></div>
        <div class="verify-how"><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.how'"/></xsl:call-template><xsl:value-of select="@base"/></div>
      </div>
    </div>
  </xsl:template>

  <xsl:template match="qr">
    <xsl:variable name="n" select="@size + 8"/>
    <svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 {$n} {$n}" shape-rendering="crispEdges" role="img" aria-label="{@text}">
      <rect x="0" y="0" width="{$n}" height="{$n}" fill="#fff"/>
      <xsl:for-each select="m"><rect x="{@x + 4}" y="{@y + 4}" width="{@w}" height="1" fill="#000"/></xsl:for-each>
    </svg>
  </xsl:template>
</xsl:stylesheet>
