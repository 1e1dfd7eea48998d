<?xml version="1.0" encoding="UTF-8"?>
<!--
  /verify: anyone holding a printed card, cycle statement or summary checks
  it here, without an account. Shows what the document stated when it was
  printed (the name masked but for the surname), and whether today's
  records still say the same (pages/verify.c).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:import href="../hours.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="l" select="lookup"/>
    <section class="card narrow">
      <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.title'"/></xsl:call-template></h1>
      <xsl:choose>
        <xsl:when test="$l/@state = 'valid'">
          <p class="notice ok verify-state" data-state="valid"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('verify.state.', $l/@kind, '.valid')"/></xsl:call-template></p>
        </xsl:when>
        <xsl:when test="$l/@state = 'changed'">
          <p class="notice error verify-state" role="alert" data-state="changed"><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.state.changed'"/></xsl:call-template></p>
        </xsl:when>
        <xsl:when test="$l/@state = 'unknown'">
          <p class="notice error verify-state" role="alert" data-state="unknown"><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.state.unknown'"/></xsl:call-template></p>
        </xsl:when>
      </xsl:choose>
      <xsl:apply-templates select="$l/statement"/>
      <form method="get" action="/verify">
        <xsl:call-template name="input">
          <xsl:with-param name="n" select="'c'"/>
          <xsl:with-param name="label" select="'verify.code'"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.submit'"/></xsl:call-template></button>
      </form>
      <p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.hint'"/></xsl:call-template></p>
    </section>
  </xsl:template>

  <xsl:template match="statement">
    <dl class="facts statement">
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.kind'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="str"><xsl:with-param name="k" select="concat('verify.kind.', @kind)"/></xsl:call-template></dd>
      <xsl:if test="name">
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'card.name'"/></xsl:call-template></dt>
        <dd class="masked-name"><xsl:value-of select="name"/></dd>
      </xsl:if>
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.school'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="school"/></dd>
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'history.year'"/></xsl:call-template></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="@kind = 'cycle'"><xsl:value-of select="@from"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'home.period-sep'"/></xsl:call-template> <xsl:value-of select="@to"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@year"/></xsl:otherwise>
        </xsl:choose>
      </dd>
      <xsl:if test="@kind = 'card'">
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'card.total'"/></xsl:call-template></dt>
        <dd class="hours"><xsl:call-template name="hours"><xsl:with-param name="t" select="@confirmed-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template>（<xsl:call-template name="str"><xsl:with-param name="k" select="'card.normative'"/></xsl:call-template> <xsl:call-template name="hours"><xsl:with-param name="t" select="@normative-tenths"/></xsl:call-template>）</dd>
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'card.required'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="hours"><xsl:with-param name="t" select="@threshold-tenths"/></xsl:call-template></dd>
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'card.result'"/></xsl:call-template></dt>
        <dd class="result"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', @result)"/></xsl:call-template></dd>
      </xsl:if>
      <xsl:if test="@kind = 'cycle'">
        <xsl:for-each select="year">
          <dt><xsl:value-of select="@label"/></dt>
          <dd class="cycle-year"><xsl:call-template name="hours"><xsl:with-param name="t" select="@confirmed-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template> · <xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', @result)"/></xsl:call-template></dd>
        </xsl:for-each>
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'cycle.total'"/></xsl:call-template></dt>
        <dd class="hours"><xsl:call-template name="hours"><xsl:with-param name="t" select="@total-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template>
          <xsl:if test="@cycle-result"> · <xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', @cycle-result)"/></xsl:call-template></xsl:if></dd>
      </xsl:if>
      <xsl:if test="@kind = 'summary'">
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'summary.counts-teachers'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="@teachers"/></dd>
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'summary.counts-pass'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="@passing"/></dd>
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'summary.pass-rate'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="format-number(@pass-rate-tenths div 10, '0.0')"/>%</dd>
      </xsl:if>
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.confirmed'"/></xsl:call-template></dt>
      <dd class="confirmed">
        <xsl:choose>
          <xsl:when test="@confirmed-at"><xsl:value-of select="confirmed-by"/> · <xsl:value-of select="substring(@confirmed-at, 1, 10)"/></xsl:when>
          <xsl:when test="@kind = 'cycle'"><xsl:value-of select="confirmed-by"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="str"><xsl:with-param name="k" select="concat('verify.not-confirmed.', @school-state)"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.printed'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="substring(../@printed-at, 1, 10)"/></dd>
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'verify.code'"/></xsl:call-template></dt>
      <dd class="code"><xsl:value-of select="../@code"/></dd>
    </dl>
  </xsl:template>
</xsl:stylesheet>
