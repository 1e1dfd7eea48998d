<?xml version="1.0" encoding="UTF-8"?>
<!--
  The shared layout: document head, header with navigation, footer.
  A page stylesheet imports this file and provides
    <xsl:template match="/page" mode="title"> and
    <xsl:template match="/page" mode="content">.
  Strings come from strings.zh-CN.xml through the "str" template.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xueshi="urn:xueshi:xslt" exclude-result-prefixes="xueshi">
  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <xsl:variable name="S" select="document('strings.zh-CN.xml')/strings"/>

  <!-- Strings are found by key (an index), not by scanning the table. -->
  <xsl:key name="string" match="s" use="@k"/>

  <!--
    The programs give xueshi:string($k), the same table read once per
    process into a hash (core/render.c): a key's index would otherwise be
    built over the whole table in every transformation. Elsewhere (xsltproc,
    deploy/error-pages.sh) the key serves.
  -->
  <xsl:template name="str">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="function-available('xueshi:string')">
        <xsl:value-of select="xueshi:string($k)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$S">
          <xsl:value-of select="key('string', $k)"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
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
        <script src="/static/js/print.js" defer="defer"></script>
      </head>
      <body class="page-{@name}">
        <a class="skip" href="#main">
          <xsl:call-template name="str"><xsl:with-param name="k" select="'nav.skip'"/></xsl:call-template>
        </a>
        <header class="site">
          <a class="brand" href="/">
            <xsl:call-template name="str"><xsl:with-param name="k" select="'app.name'"/></xsl:call-template>
          </a>
          <!-- The links the caller's role may follow: the page's <nav> (core/nav.c). -->
          <nav>
            <ul>
              <xsl:for-each select="nav/link">
                <li>
                  <a href="{@href}">
                    <xsl:if test="@current = 'yes'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                    <xsl:call-template name="str"><xsl:with-param name="k" select="@key"/></xsl:call-template>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
          <div class="who">
            <xsl:choose>
              <xsl:when test="user">
                <span class="user-name"><xsl:value-of select="user/@name"/></span>
                <xsl:text> </xsl:text>
                <span class="user-role"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('role.', user/@role)"/></xsl:call-template></span>
                <a href="/inbox" class="inbox-link"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.inbox'"/></xsl:call-template><xsl:if test="user/@unread &gt; 0"><span class="unread">（<xsl:value-of select="user/@unread"/>）</span></xsl:if></a>
                <xsl:text> </xsl:text>
                <a href="/account/password"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.password'"/></xsl:call-template></a>
                <form method="post" action="/logout" class="inline">
                  <input type="hidden" name="csrf" value="{csrf/@token}"/>
                  <button type="submit"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.logout'"/></xsl:call-template></button>
                </form>
              </xsl:when>
              <xsl:when test="@name != 'login'">
                <a href="/login"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.login'"/></xsl:call-template></a>
              </xsl:when>
            </xsl:choose>
          </div>
        </header>
        <main id="main">
          <!-- Storage failed (disk full, read-only): nothing was saved; the form below keeps what was typed. -->
          <xsl:if test="storage-error">
            <p class="notice error" role="alert"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('error.', storage-error/@code)"/></xsl:call-template><xsl:text> </xsl:text><xsl:call-template name="str"><xsl:with-param name="k" select="'error.storage-kept'"/></xsl:call-template></p>
          </xsl:if>
          <xsl:apply-templates select="." mode="content"/>
        </main>
        <footer class="site">
          <xsl:call-template name="str"><xsl:with-param name="k" select="'app.footer'"/></xsl:call-template>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- Forms: the hidden CSRF field, a field's echoed value, its error. -->
  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{/page/csrf/@token}"/>
  </xsl:template>

  <xsl:template name="value">
    <xsl:param name="n"/>
    <xsl:value-of select="/page/form/value[@name = $n]"/>
  </xsl:template>

  <xsl:template name="field-error">
    <xsl:param name="n"/>
    <xsl:for-each select="/page/form/form-error[@field = $n]">
      <p class="field-error" role="alert">
        <xsl:call-template name="str"><xsl:with-param name="k" select="concat('form.', @code)"/></xsl:call-template>
        <xsl:if test="@detail"><xsl:text>（</xsl:text><xsl:value-of select="@detail"/><xsl:text>）</xsl:text></xsl:if>
        <xsl:if test="@from"><xsl:text>（</xsl:text><xsl:value-of select="@from"/><xsl:call-template name="str"><xsl:with-param name="k" select="'form.range-to'"/></xsl:call-template><xsl:value-of select="@to"/><xsl:text>）</xsl:text></xsl:if>
      </p>
    </xsl:for-each>
  </xsl:template>

  <!-- A labelled text input that keeps what was typed and shows its error. -->
  <xsl:template name="input">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="keep" select="true()"/>
    <xsl:param name="autocomplete" select="'off'"/>
    <div class="field">
      <xsl:if test="/page/form/form-error[@field = $n]"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-{$n}"><xsl:call-template name="str"><xsl:with-param name="k" select="$label"/></xsl:call-template></label>
      <input id="f-{$n}" name="{$n}" type="{$type}" autocomplete="{$autocomplete}">
        <xsl:if test="$keep">
          <xsl:attribute name="value"><xsl:call-template name="value"><xsl:with-param name="n" select="$n"/></xsl:call-template></xsl:attribute>
        </xsl:if>
      </input>
      <xsl:call-template name="field-error"><xsl:with-param name="n" select="$n"/></xsl:call-template>
    </div>
  </xsl:template>

  <!-- The deadlines that concern the page's reader, with the days left (pages/deadlines.h). -->
  <xsl:template name="deadlines">
    <xsl:param name="list"/>
    <xsl:if test="$list">
      <section class="card deadlines">
        <h2><xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.deadlines'"/></xsl:call-template></h2>
        <ul class="deadlines">
          <xsl:for-each select="$list">
            <li>
              <xsl:if test="@passed = '1'"><xsl:attribute name="class">passed</xsl:attribute></xsl:if>
              <xsl:call-template name="str"><xsl:with-param name="k" select="concat('deadline.', @kind)"/></xsl:call-template>
              <xsl:text>：</xsl:text><time datetime="{@date}"><xsl:value-of select="@date"/></time>
              <xsl:choose>
                <xsl:when test="@days-left = 0"> （<xsl:call-template name="str"><xsl:with-param name="k" select="'deadline.today'"/></xsl:call-template>）</xsl:when>
                <xsl:when test="@days-left &gt; 0"> （<xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.days-left'"/></xsl:call-template> <xsl:value-of select="@days-left"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.days'"/></xsl:call-template>）</xsl:when>
                <xsl:otherwise> （<xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.deadline-passed'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="0 - @days-left"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.days'"/></xsl:call-template>）</xsl:otherwise>
              </xsl:choose>
              <xsl:if test="@extended-from">
                <span class="hint"><xsl:text> （</xsl:text><xsl:call-template name="str"><xsl:with-param name="k" select="'deadline.extended-from'"/></xsl:call-template><xsl:value-of select="@extended-from"/><xsl:text>）</xsl:text></span>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A page that forgets its title still gets one. -->
  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'app.name'"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
