<?xml version="1.0" encoding="UTF-8"?>
<!-- The home page: the districts served and their current school years. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'home.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <h1>
      <xsl:call-template name="str"><xsl:with-param name="k" select="'home.heading'"/></xsl:call-template>
    </h1>
    <p class="lead">
      <xsl:call-template name="str"><xsl:with-param name="k" select="'home.intro'"/></xsl:call-template>
    </p>
    <xsl:choose>
      <xsl:when test="districts/district">
        <p class="count">
          <xsl:call-template name="str"><xsl:with-param name="k" select="'home.count'"/></xsl:call-template>
          <xsl:value-of select="count(districts/district)"/>
          <xsl:call-template name="str"><xsl:with-param name="k" select="'home.count-unit'"/></xsl:call-template>
        </p>
        <ul class="cards">
          <xsl:apply-templates select="districts/district"/>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty">
          <xsl:call-template name="str"><xsl:with-param name="k" select="'home.none'"/></xsl:call-template>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="district">
    <li class="card district" id="district-{@code}">
      <h2>
        <xsl:value-of select="name"/>
        <small><xsl:value-of select="province"/><xsl:value-of select="city"/></small>
      </h2>
      <dl>
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'home.current-year'"/></xsl:call-template></dt>
        <dd class="year">
          <xsl:choose>
            <xsl:when test="current-year">
              <xsl:value-of select="current-year/@label"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="str"><xsl:with-param name="k" select="'home.no-current-year'"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </dd>
        <xsl:if test="current-year">
          <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'home.period'"/></xsl:call-template></dt>
          <dd>
            <time datetime="{current-year/@starts}"><xsl:value-of select="current-year/@starts"/></time>
            <xsl:text> </xsl:text>
            <xsl:call-template name="str"><xsl:with-param name="k" select="'home.period-sep'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <time datetime="{current-year/@ends}"><xsl:value-of select="current-year/@ends"/></time>
          </dd>
          <xsl:if test="current-year/@register-deadline">
            <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'home.deadline'"/></xsl:call-template></dt>
            <dd><time datetime="{current-year/@register-deadline}"><xsl:value-of select="current-year/@register-deadline"/></time></dd>
          </xsl:if>
        </xsl:if>
        <xsl:if test="string(authority)">
          <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'home.authority'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="authority"/></dd>
        </xsl:if>
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'home.self-registration'"/></xsl:call-template></dt>
        <dd>
          <xsl:call-template name="str">
            <xsl:with-param name="k" select="concat('home.self-registration.', @self-registration)"/>
          </xsl:call-template>
        </dd>
      </dl>
    </li>
  </xsl:template>
</xsl:stylesheet>
