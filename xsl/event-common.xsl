<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the event's page, its projector page and its 签到表 share
  (pages/events.c): the facts of the event and the attendance table.
  Included; needs layout.xsl's "str".
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="es">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="event-facts">
    <xsl:variable name="e" select="/page/event"/>
    <dl class="facts">
      <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.held_on'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="$e/@held-on"/> · <xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.sessions.', $e/@sessions)"/></xsl:call-template>
        <xsl:if test="$e/@sessions != 'afternoon'">（<xsl:value-of select="$e/@morning-from"/>–<xsl:value-of select="$e/@morning-to"/>）</xsl:if>
        <xsl:if test="$e/@sessions != 'morning'">（<xsl:value-of select="$e/@afternoon-from"/>–<xsl:value-of select="$e/@afternoon-to"/>）</xsl:if></dd>
      <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.item'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="$e/item-name"/>（<xsl:call-template name="es"><xsl:with-param name="k" select="'events.unit-pre'"/></xsl:call-template><xsl:value-of select="$e/@item-unit"/><xsl:text> </xsl:text><xsl:value-of select="$e/@item-hours"/><xsl:call-template name="es"><xsl:with-param name="k" select="'events.hours-post'"/></xsl:call-template>）</dd>
      <xsl:if test="$e/project-name">
        <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.project'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="$e/project-name"/></dd>
      </xsl:if>
      <xsl:if test="$e/place">
        <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.place'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="$e/place"/></dd>
      </xsl:if>
      <xsl:if test="$e/organiser">
        <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.organiser'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="$e/organiser"/></dd>
      </xsl:if>
      <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.audience'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.audience.', $e/@audience)"/></xsl:call-template>
        <xsl:if test="$e/invited">：<xsl:for-each select="$e/invited"><xsl:if test="position() &gt; 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each></xsl:if></dd>
      <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.review_stage'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.stage.', $e/@review-stage)"/></xsl:call-template></dd>
      <dt><xsl:call-template name="es"><xsl:with-param name="k" select="'events.state'"/></xsl:call-template></dt>
      <dd><strong><xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.state.', $e/@state)"/></xsl:call-template></strong>
        <xsl:if test="$e/@state = 'closed'"> · <xsl:call-template name="es"><xsl:with-param name="k" select="'events.records'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="$e/@records"/></xsl:if></dd>
    </dl>
  </xsl:template>

  <xsl:template name="attendance-table">
    <xsl:variable name="a" select="/page/attendance"/>
    <p class="counts">
      <xsl:call-template name="es"><xsl:with-param name="k" select="'events.count-teachers'"/></xsl:call-template><xsl:value-of select="$a/@teachers"/><xsl:call-template name="es"><xsl:with-param name="k" select="'events.people'"/></xsl:call-template>
      <xsl:if test="/page/event/@sessions != 'afternoon'">，<xsl:call-template name="es"><xsl:with-param name="k" select="'events.count-morning'"/></xsl:call-template><xsl:value-of select="$a/@morning"/><xsl:call-template name="es"><xsl:with-param name="k" select="'events.people'"/></xsl:call-template></xsl:if>
      <xsl:if test="/page/event/@sessions != 'morning'">，<xsl:call-template name="es"><xsl:with-param name="k" select="'events.count-afternoon'"/></xsl:call-template><xsl:value-of select="$a/@afternoon"/><xsl:call-template name="es"><xsl:with-param name="k" select="'events.people'"/></xsl:call-template></xsl:if>
    </p>
    <xsl:choose>
      <xsl:when test="not($a/teacher)"><p class="empty"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.attendance-none'"/></xsl:call-template></p></xsl:when>
      <xsl:otherwise>
        <table class="records attendance">
          <thead><tr class="heads">
            <th><xsl:call-template name="es"><xsl:with-param name="k" select="'notice.no'"/></xsl:call-template></th>
            <th><xsl:call-template name="es"><xsl:with-param name="k" select="'events.col-school'"/></xsl:call-template></th>
            <th><xsl:call-template name="es"><xsl:with-param name="k" select="'card.name'"/></xsl:call-template></th>
            <th><xsl:call-template name="es"><xsl:with-param name="k" select="'card.staff-no'"/></xsl:call-template></th>
            <th><xsl:call-template name="es"><xsl:with-param name="k" select="'events.col-session'"/></xsl:call-template></th>
            <th><xsl:call-template name="es"><xsl:with-param name="k" select="'events.col-in'"/></xsl:call-template></th>
            <th><xsl:call-template name="es"><xsl:with-param name="k" select="'events.col-out'"/></xsl:call-template></th>
            <th><xsl:call-template name="es"><xsl:with-param name="k" select="'events.col-reason'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$a/teacher">
              <xsl:variable name="t" select="."/>
              <xsl:variable name="no" select="position()"/>
              <xsl:for-each select="session">
                <tr>
                  <xsl:if test="@present = 'no'"><xsl:attribute name="class">absent</xsl:attribute></xsl:if>
                  <td class="num" data-label="#"><xsl:value-of select="$no"/></td>
                  <td><xsl:value-of select="$t/@school"/></td>
                  <td><xsl:value-of select="$t/text()"/></td>
                  <td><xsl:value-of select="$t/@staff-no"/></td>
                  <td><xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.session.', @name)"/></xsl:call-template></td>
                  <td><xsl:value-of select="@in"/><xsl:if test="@late"> <strong class="mark"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.late'"/></xsl:call-template></strong></xsl:if></td>
                  <td><xsl:value-of select="@out"/><xsl:if test="@early"> <strong class="mark"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.early'"/></xsl:call-template></strong></xsl:if></td>
                  <td>
                    <xsl:if test="@present = 'no'"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.present.no'"/></xsl:call-template><xsl:text> </xsl:text></xsl:if>
                    <xsl:if test="@via != 'qr'"><xsl:call-template name="es"><xsl:with-param name="k" select="concat('events.via.', @via)"/></xsl:call-template><xsl:text> </xsl:text></xsl:if>
                    <xsl:value-of select="reason"/>
                  </td>
                </tr>
              </xsl:for-each>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
